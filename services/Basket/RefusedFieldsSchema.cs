using Ecommerce.Contracts;
using Microsoft.AspNetCore.OpenApi;

namespace Ecommerce.Baskets;

internal static class RefusedFieldsSchema
{
    /// <summary>Leaves the members the contract refuses (<see cref="RefusedField"/>) out of the OpenAPI document: no client should send them.</summary>
    public static IServiceCollection HideRefusedFieldsFromOpenApi(this IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", options => options.AddSchemaTransformer((schema, context, _) =>
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(property => property.PropertyType == typeof(RefusedField)))
            {
                schema.Properties?.Remove(property.Name);
            }

            return Task.CompletedTask;
        }));
}
