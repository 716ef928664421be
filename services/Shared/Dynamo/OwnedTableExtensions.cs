using Amazon.DynamoDBv2;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ecommerce.Shared.Dynamo;

/// <summary>Wires the DynamoDB tables a service owns: the client, readiness checks, and local creation.</summary>
public static class OwnedTableExtensions
{
    /// <summary>
    /// Declares a table this service owns: <c>/health/ready</c> checks it, and when
    /// <c>Aws:CreateResources</c> is true it is created (if missing) before the service takes requests.
    /// </summary>
    public static IHostApplicationBuilder AddOwnedTable(
        this IHostApplicationBuilder builder, TableDefinition definition, Func<ResourceNames, string> name)
    {
        builder.AddResourceNames();
        builder.AddAwsClient<IAmazonDynamoDB>("DYNAMODB");
        builder.Services.TryAddSingleton<TableProvisioner>();

        builder.Services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            $"table:{definition.DefaultName}",
            services => new DynamoTableHealthCheck(
                services.GetRequiredService<IAmazonDynamoDB>(),
                name(services.GetRequiredService<IOptions<ResourceNames>>().Value)),
            failureStatus: null,
            tags: [ServiceDefaultsExtensions.ReadyTag]));

        if (builder.Configuration.CreateResources())
        {
            StartupTask.Register(builder.Services, (services, cancellationToken) =>
                services.GetRequiredService<TableProvisioner>().EnsureAsync(
                    definition, name(services.GetRequiredService<IOptions<ResourceNames>>().Value), cancellationToken));
        }

        return builder;
    }

    /// <summary>Binds <see cref="ResourceNames"/> from the <c>Resources</c> section (once).</summary>
    public static IHostApplicationBuilder AddResourceNames(this IHostApplicationBuilder builder)
    {
        if (!builder.Services.Any(s => s.ServiceType == typeof(IConfigureOptions<ResourceNames>)))
        {
            builder.Services.Configure<ResourceNames>(builder.Configuration.GetSection(ResourceNames.Section));
        }

        return builder;
    }
}
