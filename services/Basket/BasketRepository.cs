using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
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

    /// <summary>The attribute names of a LastEvaluatedKey of a Scan of the table.</summary>
    public static readonly string[] ScanKey = [UserName];

    private readonly string _table = names.Value.BasketTable;

    public async Task<StoredBasket?> GetAsync(string userName, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(userName), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    public async Task<(IReadOnlyList<Basket> Items, Dictionary<string, string>? LastKey)> ListAsync(
        PageRequest page, CancellationToken cancellationToken)
    {
        var response = await dynamo.ScanAsync(
            new ScanRequest { TableName = _table, Limit = page.Limit, ExclusiveStartKey = PageKeys.ToStartKey(page.StartKey) },
            cancellationToken);
        return ([.. (response.Items ?? []).Select(item => FromItem(item).Basket)], PageKeys.FromLastKey(response.LastEvaluatedKey));
    }

    /// <summary>Creates or replaces the user's basket, under a new revision.</summary>
    public async Task<Basket> SaveAsync(BasketInput input, CancellationToken cancellationToken)
    {
        var items = input.Items!.Select(i => new BasketItem(i.ProductId!, i.ProductName, i.Color, i.Quantity!.Value, i.Price!.Value)).ToList();
        var basket = new Basket(input.UserName!, items, BasketTotal.Of(items));
        await dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = new Dictionary<string, AttributeValue>
                {
                    [UserName] = new() { S = basket.UserName },
                    [Items] = new() { L = [.. items.Select(ToAttribute)] },
                    [Revision] = new() { S = Guid.NewGuid().ToString("N") },
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
                [":revision"] = new AttributeValue { S = stored.Revision },
                [":checkoutId"] = new AttributeValue { S = checkout.CheckoutId },
                [":checkedOutAt"] = new AttributeValue { S = checkout.CheckedOutAt },
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
            ExpressionAttributeValues = new() { [":revision"] = new AttributeValue { S = checkedOut.Revision } },
        },
        cancellationToken);

    private static Dictionary<string, AttributeValue> KeyOf(string userName) => new() { [UserName] = new AttributeValue { S = userName } };

    private static AttributeValue ToAttribute(BasketItem item)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            ["productId"] = new() { S = item.ProductId },
            ["quantity"] = new() { N = item.Quantity.ToString(CultureInfo.InvariantCulture) },
            ["price"] = new() { N = item.Price.ToString(CultureInfo.InvariantCulture) },
        };
        if (item.ProductName is not null)
        {
            map["productName"] = new AttributeValue { S = item.ProductName };
        }

        if (item.Color is not null)
        {
            map["color"] = new AttributeValue { S = item.Color };
        }

        return new AttributeValue { M = map };
    }

    private static StoredBasket FromItem(Dictionary<string, AttributeValue> item)
    {
        var lines = (item.GetValueOrDefault(Items)?.L ?? []).Select(value => value.M).Select(map => new BasketItem(
            map["productId"].S,
            map.GetValueOrDefault("productName")?.S,
            map.GetValueOrDefault("color")?.S,
            int.Parse(map["quantity"].N, CultureInfo.InvariantCulture),
            decimal.Parse(map["price"].N, CultureInfo.InvariantCulture))).ToList();
        var checkout = item.TryGetValue(CheckoutId, out var id) && item.TryGetValue(CheckedOutAt, out var at)
            ? new PendingCheckout(id.S, at.S)
            : null;
        return new StoredBasket(new Basket(item[UserName].S, lines, BasketTotal.Of(lines)), item[Revision].S, checkout);
    }
}
