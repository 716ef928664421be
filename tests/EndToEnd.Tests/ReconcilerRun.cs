using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>What the reconciler printed and how it exited.</summary>
public sealed record ReconcilerRun(int ExitCode, string Output);

/// <summary>
/// The reconciler (tools/Reconciler) run from its command line against a whole shop's tables and the edge's provider,
/// as an operator runs it: <c>dotnet Reconciler.dll --dynamodb-url ... --stripe-url ...</c>, the key in the environment.
/// </summary>
public static class Reconciler
{
    public static async Task<ReconcilerRun> RunAsync(LocalEdge edge, string tableSuffix, DateTimeOffset since)
    {
        // This test's build configuration (bin/<configuration>/net10.0), where the reconciler was built beside it.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = RepositoryRoot.Combine("tools", "Reconciler", "bin", configuration, "net10.0", "Reconciler.dll");
        string[] tables = [.. new[] { ResourceDefinitions.OrderTable, ResourceDefinitions.StockTable, ResourceDefinitions.ReservationTable, ResourceDefinitions.PaymentTable }
            .Select(table => $"--{table.ConfigurationKey}={table.DefaultName}{tableSuffix}")];
        await using var process = ChildProcess.Start(
            "dotnet",
            [dll, "--dynamodb-url", edge.EndpointUrl, "--stripe-url", $"{edge.Cloud.Url}/stripe", "--since", since.ToString("O"), "--grace-seconds", "0", .. tables],
            RepositoryRoot.Path,
            new Dictionary<string, string> { ["Reconciler__Stripe__SecretKey"] = WholeShop.StripeSecretKey });
        var exitCode = await process.ExitCodeAsync(TimeSpan.FromMinutes(2));
        return new ReconcilerRun(exitCode, process.Output);
    }
}
