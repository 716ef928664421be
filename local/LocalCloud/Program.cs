using Ecommerce.LocalCloud;

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
