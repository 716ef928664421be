using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
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
public sealed class OrderRepository(IAmazonDynamoDB dynamo, ResourceNames names)
{
    private const string UserName = "userName";
    private const string OrderDate = "orderDate";
    private const string OrderId = "orderId";

    private readonly string _table = names[ResourceDefinitions.OrderTable];

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
    public async Task<PageSlice<Order>> ListByUserAsync(string userName, string? orderDate, PageCursor page, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":userName"] = DynamoValue.S(userName) };
        var condition = "#userName = :userName";
        if (orderDate is not null)
        {
            condition += " AND #orderDate = :orderDate";
            values[":orderDate"] = DynamoValue.S(orderDate);
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
                ExclusiveStartKey = page.StartKey(),
            },
            cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, FromItem);
    }

    /// <summary>One page of all orders, in no particular order.</summary>
    public async Task<PageSlice<Order>> ListAsync(PageCursor page, CancellationToken cancellationToken)
    {
        var response = await dynamo.ScanAsync(
            new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = page.StartKey() }, cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, FromItem);
    }

    private static Dictionary<string, AttributeValue> KeyOf(string userName, string orderDate) => new()
    {
        [UserName] = DynamoValue.S(userName),
        [OrderDate] = DynamoValue.S(orderDate),
    };

    private static Dictionary<string, AttributeValue> ToItem(Order order)
    {
        var item = KeyOf(order.UserName, order.OrderDate);
        item[OrderId] = DynamoValue.S(order.OrderId);
        item["totalPrice"] = DynamoValue.N(order.TotalPrice);
        item["items"] = DynamoValue.LineItems(order.Items);
        item["firstName"] = DynamoValue.S(order.FirstName);
        item["lastName"] = DynamoValue.S(order.LastName);
        item["email"] = DynamoValue.S(order.Email);
        item["address"] = DynamoValue.S(order.Address);
        item["paymentMethodId"] = DynamoValue.S(order.PaymentMethodId);
        return item;
    }

    private static Order FromItem(Dictionary<string, AttributeValue> item) => new(
        item[UserName].S,
        item[OrderDate].S,
        item[OrderId].S,
        item.Decimal("totalPrice"),
        item.LineItems("items"),
        item["firstName"].S,
        item["lastName"].S,
        item["email"].S,
        item["address"].S,
        item["paymentMethodId"].S);
}
