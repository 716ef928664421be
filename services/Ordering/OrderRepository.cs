using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Ordering;

/// <summary>How a save went: a new order, the same order delivered again, or another order at the same key.</summary>
public enum SaveOutcome
{
    Created,
    AlreadySaved,
    KeyTakenByAnotherOrder,
}

/// <summary>Orders in DynamoDB: partition userName, sort key orderDate (the checkout's own time).</summary>
public sealed class OrderRepository(IAmazonDynamoDB dynamo, IOptions<ResourceNames> names)
{
    private const string UserName = "userName";
    private const string OrderDate = "orderDate";
    private const string OrderId = "orderId";

    /// <summary>The attribute names of a LastEvaluatedKey, of a Scan or a Query alike.</summary>
    public static readonly string[] PageKey = [UserName, OrderDate];

    private readonly string _table = names.Value.OrderTable;

    /// <summary>
    /// Writes the order unless one exists at its key. SQS delivers at least once; a redelivered
    /// event maps to the same key, so the second write creates nothing.
    /// </summary>
    public async Task<SaveOutcome> SaveOnceAsync(Order order, CancellationToken cancellationToken)
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

        var existing = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(order.UserName, order.OrderDate), ConsistentRead = true },
            cancellationToken);
        return existing.IsItemSet && existing.Item[OrderId].S == order.OrderId
            ? SaveOutcome.AlreadySaved
            : SaveOutcome.KeyTakenByAnotherOrder;
    }

    /// <summary>One page of a user's orders, newest first; with <paramref name="orderDate"/>, only the order of that instant.</summary>
    public async Task<(IReadOnlyList<Order> Items, Dictionary<string, string>? LastKey)> ListByUserAsync(
        string userName, string? orderDate, PageRequest page, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":userName"] = new() { S = userName } };
        var condition = "#userName = :userName";
        if (orderDate is not null)
        {
            condition += " AND #orderDate = :orderDate";
            values[":orderDate"] = new AttributeValue { S = orderDate };
        }

        var response = await dynamo.QueryAsync(
            new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = condition,
                ExpressionAttributeNames = orderDate is null
                    ? new() { ["#userName"] = UserName }
                    : new() { ["#userName"] = UserName, ["#orderDate"] = OrderDate },
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
                Limit = page.Limit,
                ExclusiveStartKey = PageKeys.ToStartKey(page.StartKey),
            },
            cancellationToken);
        return (ToOrders(response.Items), PageKeys.FromLastKey(response.LastEvaluatedKey));
    }

    /// <summary>One page of all orders, in no particular order.</summary>
    public async Task<(IReadOnlyList<Order> Items, Dictionary<string, string>? LastKey)> ListAsync(
        PageRequest page, CancellationToken cancellationToken)
    {
        var response = await dynamo.ScanAsync(
            new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = PageKeys.ToStartKey(page.StartKey) }, cancellationToken);
        return (ToOrders(response.Items), PageKeys.FromLastKey(response.LastEvaluatedKey));
    }

    private static Dictionary<string, AttributeValue> KeyOf(string userName, string orderDate) => new()
    {
        [UserName] = new AttributeValue { S = userName },
        [OrderDate] = new AttributeValue { S = orderDate },
    };

    private static List<Order> ToOrders(List<Dictionary<string, AttributeValue>>? items) => [.. (items ?? []).Select(FromItem)];

    private static Dictionary<string, AttributeValue> ToItem(Order order)
    {
        var item = KeyOf(order.UserName, order.OrderDate);
        item[OrderId] = new AttributeValue { S = order.OrderId };
        item["totalPrice"] = Number(order.TotalPrice);
        item["items"] = new AttributeValue { L = [.. order.Items.Select(ToAttribute)] };
        item["firstName"] = new AttributeValue { S = order.FirstName };
        item["lastName"] = new AttributeValue { S = order.LastName };
        item["email"] = new AttributeValue { S = order.Email };
        item["address"] = new AttributeValue { S = order.Address };
        item["paymentMethod"] = new AttributeValue { N = order.PaymentMethod.ToString(CultureInfo.InvariantCulture) };
        item["cardLast4"] = new AttributeValue { S = order.CardLast4 };
        return item;
    }

    private static AttributeValue ToAttribute(OrderItem line)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            ["productId"] = new() { S = line.ProductId },
            ["quantity"] = new() { N = line.Quantity.ToString(CultureInfo.InvariantCulture) },
            ["price"] = Number(line.Price),
        };
        if (line.ProductName is not null)
        {
            map["productName"] = new AttributeValue { S = line.ProductName };
        }

        if (line.Color is not null)
        {
            map["color"] = new AttributeValue { S = line.Color };
        }

        return new AttributeValue { M = map };
    }

    private static Order FromItem(Dictionary<string, AttributeValue> item) => new(
        item[UserName].S,
        item[OrderDate].S,
        item[OrderId].S,
        ParseDecimal(item["totalPrice"]),
        [.. (item.GetValueOrDefault("items")?.L ?? []).Select(value => value.M).Select(map => new OrderItem(
            map["productId"].S,
            map.GetValueOrDefault("productName")?.S,
            map.GetValueOrDefault("color")?.S,
            int.Parse(map["quantity"].N, CultureInfo.InvariantCulture),
            ParseDecimal(map["price"])))],
        item["firstName"].S,
        item["lastName"].S,
        item["email"].S,
        item["address"].S,
        int.Parse(item["paymentMethod"].N, CultureInfo.InvariantCulture),
        item["cardLast4"].S);

    private static AttributeValue Number(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static decimal ParseDecimal(AttributeValue value) => decimal.Parse(value.N, CultureInfo.InvariantCulture);
}
