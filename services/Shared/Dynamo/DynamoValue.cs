using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;

namespace Ecommerce.Shared.Dynamo;

/// <summary>
/// Attribute values to and from what the repositories hold: strings, numbers in the invariant
/// culture (DynamoDB's N is text), and the line items of baskets and orders as a list of maps.
/// </summary>
public static class DynamoValue
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static decimal Decimal(this Dictionary<string, AttributeValue> item, string name) =>
        decimal.Parse(item[name].N, CultureInfo.InvariantCulture);

    public static int Int(this Dictionary<string, AttributeValue> item, string name) =>
        int.Parse(item[name].N, CultureInfo.InvariantCulture);

    public static long Long(this Dictionary<string, AttributeValue> item, string name) =>
        long.Parse(item[name].N, CultureInfo.InvariantCulture);

    /// <summary>The string attribute, or null when the item has none.</summary>
    public static string? OptionalS(this Dictionary<string, AttributeValue> item, string name) =>
        item.GetValueOrDefault(name)?.S;

    /// <summary>Sets a string attribute when there is a value; DynamoDB stores no empty "nothing".</summary>
    public static void SetOptional(this Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    public static AttributeValue LineItems(IEnumerable<LineItem> items) => new()
    {
        L = [.. items.Select(line =>
        {
            var map = new Dictionary<string, AttributeValue>
            {
                ["productId"] = S(line.ProductId),
                ["quantity"] = N(line.Quantity),
                ["price"] = N(line.Price),
            };
            map.SetOptional("productName", line.ProductName);
            map.SetOptional("color", line.Color);
            return new AttributeValue { M = map };
        })],
    };

    public static List<LineItem> LineItems(this Dictionary<string, AttributeValue> item, string name) =>
        [.. (item.GetValueOrDefault(name)?.L ?? []).Select(value => value.M).Select(map => new LineItem(
            map["productId"].S,
            map.OptionalS("productName"),
            map.OptionalS("color"),
            map.Int("quantity"),
            map.Decimal("price")))];
}
