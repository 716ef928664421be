using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Aws;

/// <summary>
/// Registers AWS SDK clients from configuration: region and credentials from the SDK's standard chain,
/// endpoints from <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c> or <c>AWS_ENDPOINT_URL</c>, retries bounded.
/// </summary>
public static class AwsClientExtensions
{
    /// <summary>The region used against a local endpoint when none is configured.</summary>
    public const string LocalRegion = "us-east-1";

    /// <summary>Standard retry mode, at most this many attempts in all (the first and two retries).</summary>
    public const int MaxAttempts = 3;

    /// <summary>Adds <typeparamref name="TService"/> to the container as a singleton, once: every feature that needs it asks.</summary>
    /// <param name="endpointId">The service's name in <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>, e.g. <c>DYNAMODB</c>.</param>
    public static IHostApplicationBuilder AddAwsClient<TService>(this IHostApplicationBuilder builder, string endpointId)
        where TService : IAmazonService
    {
        builder.Services.TryAddAWSService<TService>(CreateOptions(builder.Configuration, endpointId));
        return builder;
    }

    /// <summary>The SDK options for one service, with the endpoint override and its consequences applied.</summary>
    public static AWSOptions CreateOptions(IConfiguration configuration, string endpointId)
    {
        var options = configuration.GetAWSOptions();
        options.DefaultClientConfig.RetryMode = RequestRetryMode.Standard;
        options.DefaultClientConfig.MaxErrorRetry = MaxAttempts - 1;

        var endpoint = EndpointOverride(configuration, endpointId);
        if (endpoint is null)
        {
            return options;
        }

        options.DefaultClientConfig.ServiceURL = endpoint;
        options.Region ??= RegionEndpoint.GetBySystemName(configuration["AWS_REGION"] ?? LocalRegion);
        if (options.Credentials is null && !HasConfiguredCredentials(configuration, options))
        {
            // A local emulator does not check signatures, but the SDK refuses to sign without credentials.
            options.Credentials = new BasicAWSCredentials("local", "local");
        }

        return options;
    }

    /// <summary>The endpoint to use instead of AWS's, or null for AWS's own.</summary>
    public static string? EndpointOverride(IConfiguration configuration, string endpointId)
    {
        var endpoint = configuration[$"AWS_ENDPOINT_URL_{endpointId}"];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            endpoint = configuration["AWS_ENDPOINT_URL"];
        }

        return string.IsNullOrWhiteSpace(endpoint) ? null : endpoint;
    }

    private static bool HasConfiguredCredentials(IConfiguration configuration, AWSOptions options) =>
        !string.IsNullOrEmpty(options.Profile)
        || !string.IsNullOrEmpty(configuration["AWS_ACCESS_KEY_ID"])
        || !string.IsNullOrEmpty(configuration["AWS_PROFILE"])
        || !string.IsNullOrEmpty(configuration["AWS_WEB_IDENTITY_TOKEN_FILE"])
        || !string.IsNullOrEmpty(configuration["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
        || !string.IsNullOrEmpty(configuration["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]);
}
