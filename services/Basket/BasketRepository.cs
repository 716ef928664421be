using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets;

/// <summary>A basket as stored, with the revision its last write gave it and the checkout begun on it, if any.</summary>
public sealed record StoredBasket(Basket Basket, string Revision, PendingCheckout? Checkout = null);

/// <summary>The id and time a checkout of one basket revision publishes, however often it is retried.</summary>
public sealed record PendingCheckout(string CheckoutId, string CheckedOutAt);

/// <summary>Baskets in DynamoDB: one item per user, the lines as a list of maps.</summary>
public sealed class BasketRepository(IAmazonDynamoDB dynamo, IOptions<ResourceNames> names)
{
    private const string UserName = "userName";
    private const string Items = "items";
    private const string Revision = "revision";
    private const string CheckoutId = "checkoutId";
    private const string CheckedOutAt = "checkedOutAt";

    private readonly string _table = names.Value.BasketTable;

    public async Task<StoredBasket?> GetAsync(string userName, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(userName), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    public async Task<PageSlice<Basket>> ListAsync(PageCursor page, CancellationToken cancellationToken)
    {
        var response = await dynamo.ScanAsync(
            new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = page.StartKey() }, cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, item => FromItem(item).Basket);
    }

    /// <summary>Creates or replaces the user's basket, under a new revision.</summary>
    public async Task<Basket> SaveAsync(BasketInput input, CancellationToken cancellationToken)
    {
        var items = input.Items!.Select(i => new LineItem(i.ProductId!, i.ProductName, i.Color, i.Quantity!.Value, i.Price!.Value)).ToList();
        var basket = new Basket(input.UserName!, items, LineItem.Total(items));
        await dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>
                {
                    [UserName] = DynamoValue.S(basket.UserName),
                    [Items] = DynamoValue.LineItems(items),
                    [Revision] = DynamoValue.S(Guid.NewGuid().ToString("N")),
                },
            },
            cancellationToken);
        return basket;
    }

    /// <summary>Deletes the user's basket; false when there was none.</summary>
    public Task<bool> DeleteAsync(string userName, CancellationToken cancellationToken) =>
        dynamo.TryDeleteItemAsync(
        new DeleteItemRequest
        {
            TableName = _table,
            Key = KeyOf(userName),
            ConditionExpression = "attribute_exists(#userName)",
            ExpressionAttributeNames = new() { ["#userName"] = UserName },
        },
        cancellationToken);

    /// <summary>
    /// Marks this revision of the basket with the checkout about to be published, unless it carries
    /// one already; false when the basket changed or was marked meanwhile (read it again).
    /// </summary>
    public Task<bool> TryBeginCheckoutAsync(StoredBasket stored, PendingCheckout checkout, CancellationToken cancellationToken) =>
        dynamo.TryUpdateItemAsync(
        new UpdateItemRequest
        {
            TableName = _table,
            Key = KeyOf(stored.Basket.UserName),
            UpdateExpression = "SET #checkoutId = :checkoutId, #checkedOutAt = :checkedOutAt",
            ConditionExpression = "#revision = :revision AND attribute_not_exists(#checkoutId)",
            ExpressionAttributeNames = new() { ["#revision"] = Revision, ["#checkoutId"] = CheckoutId, ["#checkedOutAt"] = CheckedOutAt },
            ExpressionAttributeValues = new()
            {
                [":revision"] = DynamoValue.S(stored.Revision),
                [":checkoutId"] = DynamoValue.S(checkout.CheckoutId),
                [":checkedOutAt"] = DynamoValue.S(checkout.CheckedOutAt),
            },
        },
        cancellationToken);

    /// <summary>
    /// Deletes the basket only if it is still the revision that was checked out, so items the user
    /// added meanwhile survive; false when it had changed (or was gone).
    /// </summary>
    public Task<bool> DeleteCheckedOutAsync(StoredBasket checkedOut, CancellationToken cancellationToken) =>
        dynamo.TryDeleteItemAsync(
        new DeleteItemRequest
        {
            TableName = _table,
            Key = KeyOf(checkedOut.Basket.UserName),
            ConditionExpression = "#revision = :revision",
            ExpressionAttributeNames = new() { ["#revision"] = Revision },
            ExpressionAttributeValues = new() { [":revision"] = DynamoValue.S(checkedOut.Revision) },
        },
        cancellationToken);

    private static Dictionary<string, AttributeValue> KeyOf(string userName) => new() { [UserName] = DynamoValue.S(userName) };

    private static StoredBasket FromItem(Dictionary<string, AttributeValue> item)
    {
        var lines = item.LineItems(Items);
        var checkout = item.OptionalS(CheckoutId) is { } id && item.OptionalS(CheckedOutAt) is { } at
            ? new PendingCheckout(id, at)
            : null;
        return new StoredBasket(new Basket(item[UserName].S, lines, LineItem.Total(lines)), item[Revision].S, checkout);
    }
}
