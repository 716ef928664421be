using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Paging;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets;

/// <summary>One line as a basket keeps it: the product, colour and quantity; names and prices come from the catalogue when it is read.</summary>
internal sealed record BasketLine(string ProductId, string? Color, int Quantity);

/// <summary>A basket as stored, with the revision its last write gave it and the checkout begun on it, if any.</summary>
internal sealed record StoredBasket(string UserName, IReadOnlyList<BasketLine> Lines, string Revision, PendingCheckout? Checkout = null);

/// <summary>The id and time a checkout of one basket revision publishes, however often it is retried.</summary>
internal sealed record PendingCheckout(string CheckoutId, string CheckedOutAt);

/// <summary>Baskets in DynamoDB: one item per user, the lines as a list of maps (product, colour, quantity).</summary>
internal sealed class BasketRepository(IAmazonDynamoDB dynamo, ResourceNames names)
{
    private const string UserName = "userName";
    private const string Items = "items";
    private const string Revision = "revision";
    private const string CheckoutId = "checkoutId";
    private const string CheckedOutAt = "checkedOutAt";

    private readonly string _table = names[ResourceDefinitions.BasketTable];

    /// <summary>
    /// The user's basket, or null. Read with BatchGetItem, one key, as the catalogue view is read to price it: a
    /// request that reads both then makes one kind of DynamoDB call, and a cold start sets up one in the SDK, not
    /// two (bench/findings.md). The same read units as GetItem.
    /// </summary>
    public async Task<StoredBasket?> GetAsync(string userName, CancellationToken cancellationToken) =>
        (await dynamo.GetItemsAsync(_table, [KeyOf(userName)], cancellationToken)) is [var item] ? FromItem(item) : null;

    public async Task<PageSlice<StoredBasket>> ListAsync(PageCursor page, CancellationToken cancellationToken)
    {
        var response = await dynamo.ScanAsync(
            new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = page.StartKey() }, cancellationToken);
        return PageKeys.Slice(response.Items, response.LastEvaluatedKey, FromItem);
    }

    /// <summary>Creates or replaces the user's basket, under a new revision.</summary>
    public Task SaveAsync(string userName, IReadOnlyList<BasketLine> lines, CancellationToken cancellationToken) =>
        dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>
                {
                    [UserName] = DynamoValue.S(userName),
                    [Items] = new AttributeValue { L = [.. lines.Select(ToAttribute)] },
                    [Revision] = DynamoValue.S(Guid.NewGuid().ToString("N")),
                },
            },
            cancellationToken);

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
            Key = KeyOf(stored.UserName),
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
            Key = KeyOf(checkedOut.UserName),
            ConditionExpression = "#revision = :revision",
            ExpressionAttributeNames = new() { ["#revision"] = Revision },
            ExpressionAttributeValues = new() { [":revision"] = DynamoValue.S(checkedOut.Revision) },
        },
        cancellationToken);

    private static Dictionary<string, AttributeValue> KeyOf(string userName) => new() { [UserName] = DynamoValue.S(userName) };

    private static AttributeValue ToAttribute(BasketLine line)
    {
        var map = new Dictionary<string, AttributeValue> { ["productId"] = DynamoValue.S(line.ProductId), ["quantity"] = DynamoValue.N(line.Quantity) };
        map.SetOptional("color", line.Color);
        return new AttributeValue { M = map };
    }

    private static StoredBasket FromItem(Dictionary<string, AttributeValue> item)
    {
        var lines = (item.GetValueOrDefault(Items)?.L ?? [])
            .Select(value => new BasketLine(value.M["productId"].S, value.M.OptionalS("color"), value.M.Int("quantity")))
            .ToList();
        var checkout = item.OptionalS(CheckoutId) is { } id && item.OptionalS(CheckedOutAt) is { } at
            ? new PendingCheckout(id, at)
            : null;
        return new StoredBasket(item[UserName].S, lines, item[Revision].S, checkout);
    }
}
