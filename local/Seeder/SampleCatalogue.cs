using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecommerce.Seeder;

/// <summary>A product of the sample catalogue, with the stock it starts with.</summary>
internal sealed record SampleProduct(string Name, string Category, decimal Price, int OnHand, string? Description = null, string? ImageFile = null);

/// <summary>The sample catalogue, <c>sample-catalogue.json</c> beside the seeder: a dozen products across four categories.</summary>
internal sealed record SampleCatalogue(IReadOnlyList<SampleProduct> Products)
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "sample-catalogue.json");

    public static async Task<SampleCatalogue> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(file, SeederJson.Default.SampleCatalogue, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no catalogue.");
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SampleCatalogue))]
[JsonSerializable(typeof(NewProduct))]
[JsonSerializable(typeof(CreatedProduct))]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(StockInput))]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenAnswer))]
internal sealed partial class SeederJson : JsonSerializerContext;
