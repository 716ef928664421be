using Amazon.DynamoDBv2;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Dynamo;

/// <summary>Wires the DynamoDB tables a service owns: the client, readiness checks, and local creation.</summary>
public static class OwnedTableExtensions
{
    /// <summary>
    /// Declares a table this service owns: <c>/health/ready</c> checks it, and when
    /// <c>Aws:CreateResources</c> is true it is created (if missing) before the service takes requests.
    /// </summary>
    public static IHostApplicationBuilder AddOwnedTable(
        this IHostApplicationBuilder builder, TableDefinition definition)
    {
        builder.AddResourceNames(definition);
        builder.AddAwsClient<IAmazonDynamoDB>("DYNAMODB");
        builder.Services.TryAddSingleton<TableProvisioner>();

        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            $"table:{definition.DefaultName}",
            services => new DynamoTableHealthCheck(
                services.GetRequiredService<IAmazonDynamoDB>(),
                services.GetRequiredService<ResourceNames>()[definition]),
            failureStatus: null,
            tags: [ServiceDefaultsExtensions.ReadyTag]));

        if (builder.Configuration.CreateResources())
        {
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredService<TableProvisioner>().EnsureAsync(
                    definition, services.GetRequiredService<ResourceNames>()[definition], cancellationToken));
        }

        return builder;
    }

    /// <summary>Adds <see cref="ResourceNames"/> (once) and notes that this service reads these resources' names.</summary>
    public static IHostApplicationBuilder AddResourceNames(this IHostApplicationBuilder builder, params ReadOnlySpan<ResourceDefinition> used)
    {
        builder.Services.TryAddSingleton<ResourceNames>();
        foreach (var resource in used)
        {
            builder.Services.AddSingleton(new UsedResource(resource));
        }

        return builder;
    }
}
