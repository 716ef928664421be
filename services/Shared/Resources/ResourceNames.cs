using Microsoft.Extensions.Configuration;

namespace Ecommerce.Shared.Resources;

/// <summary>
/// The physical names of the resources: each one's setting under <c>Resources</c> (for example
/// <c>Resources__ProductTable</c> in the environment), or its default name from <see cref="ResourceDefinitions"/>.
/// </summary>
public sealed class ResourceNames(IConfiguration configuration)
{
    public string this[ResourceDefinition resource] =>
        configuration[resource.ConfigurationKey] is { Length: > 0 } name ? name : resource.DefaultName;
}

/// <summary>A resource this service reads by name as configured, so a host (or a test) can tell which settings it needs.</summary>
public sealed record UsedResource(ResourceDefinition Resource);
