using Ecommerce.Seeder;

// Seeds a fresh local shop with the sample catalogue through its public API, once:
//   dotnet run --project local/Seeder -- [--shop http://localhost:8000] [--edge http://localhost:4566] [--catalogue FILE]
// --shop is the shop's origin (the gateway), --edge LocalCloud, whose user pool gives the admin's token.
// The app host and docker compose run it when the shop is up; a catalogue with products already is left alone.
var shopUrl = Option("--shop", "SEEDER_SHOP_URL") ?? "http://localhost:8000";
var edgeUrl = Option("--edge", "SEEDER_EDGE_URL") ?? "http://localhost:4566";
var cataloguePath = Option("--catalogue", "SEEDER_CATALOGUE") ?? SampleCatalogue.DefaultPath;

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
using var shop = new HttpClient { BaseAddress = new Uri(shopUrl) };
try
{
    var catalogue = await SampleCatalogue.ReadAsync(cataloguePath, stop.Token);
    await new CatalogueSeeder(shop, new Uri(edgeUrl), Console.Out).SeedAsync(catalogue, stop.Token);
    return 0;
}
catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
{
    Console.Error.WriteLine($"Seeder: the sample catalogue was not seeded: {e.Message}");
    return 1;
}

string? Option(string name, string environmentVariable)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : Environment.GetEnvironmentVariable(environmentVariable);
}
