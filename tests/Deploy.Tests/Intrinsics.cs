using System.Text.Json;

namespace Ecommerce.Deploy.Tests;

/// <summary>CloudFormation's references, compared by JSON value rather than by text.</summary>
public static class Intrinsics
{
    public static string Ref(string logicalId) => $$"""{"Ref":"{{logicalId}}"}""";

    public static string GetArn(string logicalId) => $$"""{"Fn::GetAtt":["{{logicalId}}","Arn"]}""";

    public static bool Is(this JsonElement actual, string expectedJson)
    {
        using var expected = JsonDocument.Parse(expectedJson);
        return JsonElement.DeepEquals(expected.RootElement, actual);
    }

    public static void AssertIs(string expectedJson, JsonElement actual) =>
        Assert.True(actual.Is(expectedJson), $"expected {expectedJson}, got {actual.GetRawText()}");

    /// <summary>A value that may be one item or an array of items, as IAM's Action and Resource are.</summary>
    public static IEnumerable<JsonElement> OneOrMany(this JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    /// <summary>A property that holds a list of strings, as a template writes most lists.</summary>
    public static string[] Strings(this JsonElement element, string property) =>
        [.. element.GetProperty(property).EnumerateArray().Select(e => e.GetString()!)];
}
