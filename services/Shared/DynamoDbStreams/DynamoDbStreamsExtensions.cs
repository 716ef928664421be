using Ecommerce.Shared.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.DynamoDbStreams;

public static class DynamoDbStreamsExtensions
{
    /// <summary>
    /// Adds <see cref="DynamoDbStreamsClient"/>: endpoint from <c>AWS_ENDPOINT_URL_DYNAMODB_STREAMS</c> or
    /// <c>AWS_ENDPOINT_URL</c>, region and credentials from the SDK's chain, standard bounded retries.
    /// </summary>
    public static IHostApplicationBuilder AddDynamoDbStreamsClient(this IHostApplicationBuilder builder)
    {
        var options = AwsClientExtensions.CreateOptions(builder.Configuration, "DYNAMODB_STREAMS");
        builder.Services.AddSingleton(_ =>
        {
            var config = new DynamoDbStreamsClientConfig();
            config.Apply(options);
            return options.Credentials is { } credentials ? new DynamoDbStreamsClient(credentials, config) : new DynamoDbStreamsClient(config);
        });
        return builder;
    }
}
