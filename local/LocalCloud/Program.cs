namespace Ecommerce.LocalCloud;

// A named entry point rather than top-level statements: the web SDK makes a top-level Program
// public, and test projects that host LocalCloud beside a service would then see two Program types.
internal static class LocalCloudProgram
{
    public static async Task Main(string[] args)
    {
        // Settings come from the environment (LocalCloud__Port, LocalCloud__DynamoDbUrl) or the command line
        // (--LocalCloud:Port=4566); see LocalCloudOptions.
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = configuration.GetSection(LocalCloudOptions.Section).Get<LocalCloudOptions>() ?? new LocalCloudOptions();

        await using var cloud = await LocalCloudHost.StartAsync(options, CancellationToken.None);
        Console.WriteLine($"LocalCloud listening on {cloud.Url}, DynamoDB forwarded to {options.DynamoDbUrl ?? "(none)"}");
        await cloud.WaitForShutdownAsync();
    }
}
