using Microsoft.Extensions.Configuration;

namespace Ecommerce.Shared.Aws;

/// <summary>The <c>Aws</c> configuration section of a service.</summary>
public static class AwsSettings
{
    /// <summary>True when the service should create the resources it owns at start (local development).</summary>
    public static bool CreateResources(this IConfiguration configuration) =>
        configuration.GetValue("Aws:CreateResources", false);
}
