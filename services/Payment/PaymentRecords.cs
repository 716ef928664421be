using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Payments;

/// <summary>
/// Payment's record of one order's money. <see cref="Status"/> is null while only a cancellation is known (it came
/// before the authorization); <see cref="CancelRequested"/> tells the authorizer the order was cancelled meanwhile.
/// </summary>
internal sealed record PaymentRecord(
    string OrderId,
    PaymentStatus? Status,
    long AmountCents,
    string? PaymentIntentId,
    string? Brand,
    string? Last4,
    string? DeclineCode,
    bool CancelRequested,
    string? UpdatedAt)
{
    public Payment ToPayment() => new(
        OrderId, Status ?? PaymentStatus.Pending, PaymentIntentId, Money.FromCents(AmountCents), Brand, Last4, DeclineCode, UpdatedAt ?? "");
}

/// <summary>What a step learned from the provider, written with the step's new status.</summary>
internal sealed record ProviderFacts(string? PaymentIntentId = null, string? Brand = null, string? Last4 = null, string? DeclineCode = null);

/// <summary>
/// The payment table (pk <c>orderId</c>). Every step is one conditional write on the record's status; a failed condition
/// means another delivery or step got there first, and the caller reads the record again.
/// </summary>
internal sealed class PaymentRecords(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider clock)
{
    private const string OrderId = "orderId";
    private const string Status = "status";
    private const string Amount = "amount";
    private const string Currency = "currency";
    private const string PaymentIntentId = "paymentIntentId";
    private const string Brand = "brand";
    private const string Last4 = "last4";
    private const string DeclineCode = "declineCode";
    private const string CancelRequested = "cancelRequested";
    private const string UserName = "userName";
    private const string OrderDate = "orderDate";
    private const string UpdatedAt = "updatedAt";

    private readonly string _table = names[ResourceDefinitions.PaymentTable];

    public async Task<PaymentRecord?> FindAsync(string orderId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = Key(orderId), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>Begins the authorization: Pending with the order's amount, unless it began (or ended) already.</summary>
    public Task<bool> TryBeginAsync(OrderEvent order, long amountCents, CancellationToken cancellationToken) =>
        TryMoveAsync(order, PaymentStatus.Pending, "attribute_not_exists(#status)", new ProviderFacts(), cancellationToken, amountCents);

    /// <summary>Pending to Authorized, unless the order was cancelled meanwhile (its flag is set).</summary>
    public Task<bool> TryAuthorizeAsync(OrderEvent order, ProviderFacts facts, CancellationToken cancellationToken) =>
        TryMoveAsync(order, PaymentStatus.Authorized, "#status = :Pending AND attribute_not_exists(#cancelRequested)", facts, cancellationToken);

    /// <summary>Voided before anything was asked of the provider: the cancellation came first.</summary>
    public Task<bool> TryVoidUnbegunAsync(OrderEvent order, long amountCents, CancellationToken cancellationToken) =>
        TryMoveAsync(order, PaymentStatus.Voided, "attribute_not_exists(#status)", new ProviderFacts(), cancellationToken, amountCents);

    /// <summary>Moves the record to <paramref name="to"/> from one of <paramref name="from"/>, with what the provider said.</summary>
    public Task<bool> TryMoveAsync(OrderEvent order, PaymentStatus to, IReadOnlyList<PaymentStatus> from, ProviderFacts facts, CancellationToken cancellationToken) =>
        TryMoveAsync(order, to, $"#status IN ({string.Join(", ", from.Select(status => ":" + status))})", facts, cancellationToken);

    /// <summary>Notes that the order was cancelled (creating the record if it is the first news of the order) and returns the record.</summary>
    public async Task<PaymentRecord> RequestCancelAsync(OrderEvent order, CancellationToken cancellationToken)
    {
        var response = await dynamo.UpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = Key(order.OrderId),
                UpdateExpression = "SET #cancelRequested = :true, #userName = :userName, #orderDate = :orderDate, #updatedAt = :now",
                ExpressionAttributeNames = new()
                {
                    ["#cancelRequested"] = CancelRequested,
                    ["#userName"] = UserName,
                    ["#orderDate"] = OrderDate,
                    ["#updatedAt"] = UpdatedAt,
                },
                ExpressionAttributeValues = new()
                {
                    [":true"] = new AttributeValue { BOOL = true },
                    [":userName"] = DynamoValue.S(order.UserName),
                    [":orderDate"] = DynamoValue.S(order.OrderDate),
                    [":now"] = DynamoValue.S(Now()),
                },
                ReturnValues = ReturnValue.ALL_NEW,
            },
            cancellationToken);
        return FromItem(response.Attributes);
    }

    private Task<bool> TryMoveAsync(
        OrderEvent order, PaymentStatus to, string condition, ProviderFacts facts, CancellationToken cancellationToken, long? amountCents = null)
    {
        var names = new Dictionary<string, string>
        {
            ["#status"] = Status,
            ["#userName"] = UserName,
            ["#orderDate"] = OrderDate,
            ["#updatedAt"] = UpdatedAt,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":to"] = DynamoValue.S(to.ToString()),
            [":userName"] = DynamoValue.S(order.UserName),
            [":orderDate"] = DynamoValue.S(order.OrderDate),
            [":now"] = DynamoValue.S(Now()),
        };
        var sets = new List<string> { "#status = :to", "#userName = :userName", "#orderDate = :orderDate", "#updatedAt = :now" };
        void Set(string attribute, AttributeValue? value)
        {
            if (value is not null)
            {
                names["#" + attribute] = attribute;
                values[":" + attribute] = value;
                sets.Add($"#{attribute} = :{attribute}");
            }
        }

        Set(Amount, amountCents is { } cents ? DynamoValue.N(cents) : null);
        Set(Currency, amountCents is null ? null : DynamoValue.S(Provider.StripePayments.Currency));
        Set(PaymentIntentId, facts.PaymentIntentId is { } intent ? DynamoValue.S(intent) : null);
        Set(Brand, facts.Brand is { } brand ? DynamoValue.S(brand) : null);
        Set(Last4, facts.Last4 is { } last4 ? DynamoValue.S(last4) : null);
        Set(DeclineCode, facts.DeclineCode is { } declineCode ? DynamoValue.S(declineCode) : null);
        foreach (var status in Enum.GetValues<PaymentStatus>().Where(status => condition.Contains(":" + status, StringComparison.Ordinal)))
        {
            values[":" + status] = DynamoValue.S(status.ToString());
        }

        if (condition.Contains("#cancelRequested", StringComparison.Ordinal))
        {
            names["#cancelRequested"] = CancelRequested;
        }

        return dynamo.TryUpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = Key(order.OrderId),
                UpdateExpression = "SET " + string.Join(", ", sets),
                ConditionExpression = condition,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            },
            cancellationToken);
    }

    private static PaymentRecord FromItem(Dictionary<string, AttributeValue> item) => new(
        item[OrderId].S,
        item.OptionalS(Status) is { } status ? Enum.Parse<PaymentStatus>(status) : null,
        item.ContainsKey(Amount) ? item.Long(Amount) : 0,
        item.OptionalS(PaymentIntentId),
        item.OptionalS(Brand),
        item.OptionalS(Last4),
        item.OptionalS(DeclineCode),
        item.GetValueOrDefault(CancelRequested)?.BOOL == true,
        item.OptionalS(UpdatedAt));

    private static Dictionary<string, AttributeValue> Key(string orderId) => new() { [OrderId] = DynamoValue.S(orderId) };

    private string Now() => CheckoutBasketEvent.FormatTime(clock.GetUtcNow());
}
