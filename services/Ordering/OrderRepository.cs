using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Ordering;

/// <summary>How a save went: a new order, the same order delivered again, or another order at the same key.</summary>
internal enum SaveOutcome
{
    Created,
    AlreadySaved,
    KeyTakenByAnotherOrder,
}

/// <summary>Where an order is stored: partition userName, sort key orderDate (the checkout's own time).</summary>
internal readonly record struct OrderKey(string UserName, string OrderDate);

/// <summary>
/// An order as the table holds it: the public order, and what only Ordering and its events see: the payment
/// method's id, the version every write moves on, and the checkout's trace header that its events carry on.
/// </summary>
internal sealed record StoredOrder(Order Order, string PaymentMethodId, long Version, string? TraceHeader)
{
    public OrderKey Key => new(Order.UserName, Order.OrderDate);
}

/// <summary>
/// Orders in DynamoDB: partition userName, sort key orderDate. The one owner of an order's state: every change
/// is a <see cref="Transition"/>, one conditional UpdateItem on the order's status and payment status.
/// </summary>
internal sealed partial class OrderRepository(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider clock, ILogger<OrderRepository> logger)
{
    private const string UserName = "userName";
    private const string OrderDate = "orderDate";
    private const string OrderId = "orderId";
    private const string Status = "status";
    private const string CancelReasonName = "cancelReason";
    private const string Version = "version";
    private const string UpdatedAt = "updatedAt";
    private const string Payment = "payment";
    private const string OrderIdIndex = "orderId-index";
    private const string StatusIndex = "status-index";

    private readonly string _table = names[ResourceDefinitions.OrderTable];

    /// <summary>
    /// Writes the order unless one exists at its key. SQS delivers at least once; a redelivered
    /// event maps to the same key, so the second write creates nothing.
    /// </summary>
    public async Task<SaveOutcome> SaveOnceAsync(StoredOrder order, CancellationToken cancellationToken)
    {
        var created = await dynamo.TryPutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = ToItem(order),
                ConditionExpression = "attribute_not_exists(#userName)",
                ExpressionAttributeNames = new() { ["#userName"] = UserName },
            },
            cancellationToken);
        if (created)
        {
            return SaveOutcome.Created;
        }

        return await GetAsync(order.Key, cancellationToken) is { } existing && existing.Order.OrderId == order.Order.OrderId
            ? SaveOutcome.AlreadySaved
            : SaveOutcome.KeyTakenByAnotherOrder;
    }

    /// <summary>The order at this key, read consistently, or null.</summary>
    public async Task<StoredOrder?> GetAsync(OrderKey key, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(key), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>The key of <paramref name="userName"/>'s order <paramref name="orderId"/>, or null when there is none (or it is another user's).</summary>
    public async Task<OrderKey?> FindKeyAsync(string userName, string orderId, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                IndexName = OrderIdIndex,
                KeyConditionExpression = "#orderId = :orderId",
                ExpressionAttributeNames = new() { ["#orderId"] = OrderId },
                ExpressionAttributeValues = new() { [":orderId"] = DynamoValue.S(orderId) },
            },
            cancellationToken);
        return response.Items?.FirstOrDefault(item => item[UserName].S == userName) is { } found
            ? new OrderKey(found[UserName].S, found[OrderDate].S)
            : null;
    }

    /// <summary>
    /// Applies the first of <paramref name="transitions"/> whose guard holds for the order <paramref name="orderId"/> at
    /// <paramref name="key"/>, as one conditional UpdateItem each; returns the order as it now is, or null when no guard
    /// held (the step is past or does not apply: nothing changed).
    /// </summary>
    public async Task<StoredOrder?> ApplyAsync(OrderKey key, string orderId, IReadOnlyList<Transition> transitions, CancellationToken cancellationToken)
    {
        foreach (var transition in transitions)
        {
            try
            {
                var response = await dynamo.UpdateItemAsync(Update(key, orderId, transition), cancellationToken);
                var order = FromItem(response.Attributes);
                LogApplied(logger, orderId, transition.Trigger, order.Order.Status, order.Order.Payment.Status, order.Version);
                return order;
            }
            catch (ConditionalCheckFailedException)
            {
                // The guard did not hold: the next row of the trigger, if any, may.
            }
        }

        LogNotApplied(logger, orderId, transitions[0].Trigger);
        return null;
    }

    /// <summary>One page of a user's orders, newest first; with <paramref name="orderDate"/>, only the order of that instant; with <paramref name="status"/>, only those in it.</summary>
    public async Task<PageSlice<Order>> ListByUserAsync(
        string userName, string? orderDate, OrderStatus? status, PageCursor page, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#userName"] = UserName };
        var values = new Dictionary<string, AttributeValue> { [":userName"] = DynamoValue.S(userName) };
        var condition = "#userName = :userName";
        if (orderDate is not null)
        {
            condition += " AND #orderDate = :orderDate";
            names["#orderDate"] = OrderDate;
            values[":orderDate"] = DynamoValue.S(orderDate);
        }

        string? filter = null;
        if (status is { } wanted)
        {
            filter = "#status = :status";
            names["#status"] = Status;
            values[":status"] = DynamoValue.S(wanted.ToString());
        }

        var response = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = condition,
                FilterExpression = filter,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
                Limit = page.Limit,
                ExclusiveStartKey = page.StartKey(),
            },
            cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, item => FromItem(item).Order);
    }

    /// <summary>One page of all orders in <paramref name="status"/>, newest first.</summary>
    public async Task<PageSlice<Order>> ListByStatusAsync(OrderStatus status, PageCursor page, CancellationToken cancellationToken)
    {
        var response = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                IndexName = StatusIndex,
                KeyConditionExpression = "#status = :status",
                ExpressionAttributeNames = new() { ["#status"] = Status },
                ExpressionAttributeValues = new() { [":status"] = DynamoValue.S(status.ToString()) },
                ScanIndexForward = false,
                Limit = page.Limit,
                ExclusiveStartKey = page.StartKey(),
            },
            cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, item => FromItem(item).Order);
    }

    /// <summary>One page of all orders, in no particular order.</summary>
    public async Task<PageSlice<Order>> ListAsync(PageCursor page, CancellationToken cancellationToken)
    {
        var response = await dynamo.ScanAsync(
            new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = page.StartKey() }, cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, item => FromItem(item).Order);
    }

    /// <summary>
    /// The transition as one UpdateItem: guarded by the order's id, status and payment status; moving the
    /// version on by one and stamping the time; answering the order as it now is.
    /// </summary>
    private UpdateItemRequest Update(OrderKey key, string orderId, Transition transition)
    {
        var names = new Dictionary<string, string>
        {
            ["#orderId"] = OrderId,
            ["#status"] = Status,
            ["#payment"] = Payment,
            ["#version"] = Version,
            ["#updatedAt"] = UpdatedAt,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":orderId"] = DynamoValue.S(orderId),
            [":one"] = DynamoValue.N(1),
            [":now"] = DynamoValue.S(Now()),
        };
        var sets = new List<string> { "#version = #version + :one", "#updatedAt = :now" };
        if (transition.To is { } to)
        {
            sets.Add("#status = :to");
            values[":to"] = DynamoValue.S(to.ToString());
        }

        if (transition.Reason is { } reason)
        {
            sets.Add("#cancelReason = :reason");
            names["#cancelReason"] = CancelReasonName;
            values[":reason"] = DynamoValue.S(reason.ToString());
        }

        if (transition.Payment is { } payment)
        {
            sets.Add("#payment.#status = :paymentStatus");
            values[":paymentStatus"] = DynamoValue.S(payment.Status.ToString());
            foreach (var (field, value) in PaymentFields(payment))
            {
                sets.Add($"#payment.#{field} = :{field}");
                names["#" + field] = field;
                values[":" + field] = DynamoValue.S(value);
            }
        }

        return new UpdateItemRequest
        {
            TableName = _table,
            Key = KeyOf(key),
            UpdateExpression = "SET " + string.Join(", ", sets),
            ConditionExpression = $"#orderId = :orderId AND #status IN ({InList("from", transition.From, values)}) "
                + $"AND #payment.#status IN ({InList("paymentFrom", transition.PaymentFrom, values)})",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        };
    }

    private static IEnumerable<(string Field, string Value)> PaymentFields(PaymentChange payment)
    {
        (string Field, string? Value)[] fields =
        [
            ("paymentIntentId", payment.PaymentIntentId),
            ("brand", payment.Brand),
            ("last4", payment.Last4),
            ("declineCode", payment.DeclineCode),
        ];
        return fields.Where(f => f.Value is not null).Select(f => (f.Field, f.Value!));
    }

    /// <summary>Placeholders <c>:name0, :name1, …</c> for the values, added to <paramref name="values"/>.</summary>
    private static string InList<T>(string name, IReadOnlyList<T> allowed, Dictionary<string, AttributeValue> values)
        where T : struct, Enum
    {
        var placeholders = allowed.Select((value, i) =>
        {
            var placeholder = string.Create(CultureInfo.InvariantCulture, $":{name}{i}");
            values[placeholder] = DynamoValue.S(value.ToString());
            return placeholder;
        });
        return string.Join(", ", placeholders);
    }

    private string Now() => CheckoutBasketEvent.FormatTime(clock.GetUtcNow());

    private static Dictionary<string, AttributeValue> KeyOf(OrderKey key) => new()
    {
        [UserName] = DynamoValue.S(key.UserName),
        [OrderDate] = DynamoValue.S(key.OrderDate),
    };

    private static Dictionary<string, AttributeValue> ToItem(StoredOrder stored)
    {
        var order = stored.Order;
        var item = KeyOf(stored.Key);
        item[OrderId] = DynamoValue.S(order.OrderId);
        item["totalPrice"] = DynamoValue.N(order.TotalPrice);
        item["items"] = DynamoValue.LineItems(order.Items);
        item["firstName"] = DynamoValue.S(order.FirstName);
        item["lastName"] = DynamoValue.S(order.LastName);
        item["email"] = DynamoValue.S(order.Email);
        item["address"] = DynamoValue.S(order.Address);
        item[Status] = DynamoValue.S(order.Status.ToString());
        item.SetOptional(CancelReasonName, order.CancelReason?.ToString());
        item[UpdatedAt] = DynamoValue.S(order.UpdatedAt);
        item[Version] = DynamoValue.N(stored.Version);
        item["paymentMethodId"] = DynamoValue.S(stored.PaymentMethodId);
        var payment = new Dictionary<string, AttributeValue> { [Status] = DynamoValue.S(order.Payment.Status.ToString()) };
        payment.SetOptional("paymentIntentId", order.Payment.PaymentIntentId);
        payment.SetOptional("brand", order.Payment.Brand);
        payment.SetOptional("last4", order.Payment.Last4);
        payment.SetOptional("declineCode", order.Payment.DeclineCode);
        item[Payment] = new AttributeValue { M = payment };
        item.SetOptional("traceHeader", stored.TraceHeader);
        return item;
    }

    /// <summary>The order an item holds: a stored item, or a new image of the table's stream.</summary>
    public static StoredOrder FromItem(Dictionary<string, AttributeValue> item)
    {
        var payment = item[Payment].M;
        return new StoredOrder(
            new Order(
                item[UserName].S,
                item[OrderDate].S,
                item[OrderId].S,
                item.Decimal("totalPrice"),
                item.LineItems("items"),
                item["firstName"].S,
                item["lastName"].S,
                item["email"].S,
                item["address"].S,
                Enum.Parse<OrderStatus>(item[Status].S),
                item.OptionalS(CancelReasonName) is { } reason ? Enum.Parse<CancelReason>(reason) : null,
                item[UpdatedAt].S,
                new OrderPayment(
                    Enum.Parse<PaymentStatus>(payment[Status].S),
                    payment.OptionalS("paymentIntentId"),
                    payment.OptionalS("brand"),
                    payment.OptionalS("last4"),
                    payment.OptionalS("declineCode"))),
            item["paymentMethodId"].S,
            item.Long(Version),
            item.OptionalS("traceHeader"));
    }

    [LoggerMessage(LogLevel.Information, "Order {OrderId}: {Trigger} applied; status {Status}, payment {PaymentStatus}, version {Version}")]
    private static partial void LogApplied(ILogger logger, string orderId, string trigger, OrderStatus status, PaymentStatus paymentStatus, long version);

    [LoggerMessage(LogLevel.Information, "Order {OrderId}: {Trigger} changes nothing; the order is past that step or the step does not apply")]
    private static partial void LogNotApplied(ILogger logger, string orderId, string trigger);
}
