using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Ecommerce.Contracts;
using Ecommerce.Reconciler;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Configuration;
using Stripe;

// Reads every order, stock record, reservation, payment record and the provider's payment intents, and prints each
// broken invariant of the order's life. Writes nothing anywhere. docs/operations.md, "The daily reconciliation".
ReconcilerSettings settings;
IConfiguration configuration;
try
{
    configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args, ReconcilerSettings.Switches).Build();
    settings = ReconcilerSettings.From(configuration);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{ReconcilerSettings.Usage}");
    return 2;
}

using var dynamo = settings.DynamoDbUrl is { } url
    ? new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), new AmazonDynamoDBConfig { ServiceURL = url.ToString() })
    : new AmazonDynamoDBClient();
var tables = new ShopTables(dynamo, new ResourceNames(configuration));
var provider = new ProviderIntents(new StripeClient(apiKey: settings.StripeSecretKey, apiBase: settings.StripeApiBase));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

ShopSnapshot shop;
try
{
    shop = await Snapshot.ReadAsync(tables, provider, settings.Since, stop.Token);
}
catch (Exception e) when (e is AmazonServiceException or StripeException or HttpRequestException)
{
    // The message says which call failed and why (a missing table, a refused key); never a key itself.
    await Console.Error.WriteLineAsync($"Could not read the shop: {e.GetType().Name}: {e.Message}");
    return 2;
}

var invariants = new Invariants(shop, settings.Grace);
var breaches = invariants.Check();
foreach (var breach in breaches)
{
    Console.WriteLine($"BROKEN {breach}");
}

var byStatus = string.Join(", ", Enum.GetValues<OrderStatus>().Select(status => $"{status} {shop.Orders.Count(order => order.Status == status)}"));
Console.WriteLine(
    $"Checked {shop.Orders.Count} orders ({byStatus}; {invariants.InFlight.Count} still moving), {shop.Stock.Count} stock records, "
    + $"{shop.Reservations.Count} reservations, {shop.Payments.Count} payment records, {shop.Intents.Count} payment intents; "
    + $"broken invariants: {breaches.Count}.");
return breaches.Count == 0 ? 0 : 1;
