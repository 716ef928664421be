using Ecommerce.Shared.Aws.JsonProtocol;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.DynamoDbStreams;

public static class DynamoDbStreamsExtensions
{
    /// <summary>
    /// Adds <see cref="DynamoDbStreamsClient"/>: endpoint from <c>AWS_ENDPOINT_URL_DYNAMODB_STREAMS</c> or
    /// <c>AWS_ENDPOINT_URL</c>, region and credentials from the SDK's chain, standard bounded retries.
    /// </summary>
    public static IHostApplicationBuilder AddDynamoDbStreamsClient(this IHostApplicationBuilder builder) =>
        builder.AddAwsJsonClient<DynamoDbStreamsClient, DynamoDbStreamsClientConfig>(
            "DYNAMODB_STREAMS", (credentials, config) => credentials is null ? new DynamoDbStreamsClient(config) : new DynamoDbStreamsClient(credentials, config));
}
