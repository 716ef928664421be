using Amazon.SimpleSystemsManagement;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Hosting;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Payments.Provider;

internal static class StripeExtensions
{
    /// <summary>
    /// Adds the provider: <see cref="StripePayments"/> with the settings of <c>Payment:Stripe</c>, and the secret key read
    /// from SSM Parameter Store before the service takes a request or an event.
    /// </summary>
    public static IHostApplicationBuilder AddStripe(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(StripeSettings.Section).Get<StripeSettings>() ?? new StripeSettings());
        builder.AddResourceNames(ResourceDefinitions.StripeSecretKeyParameter);
        builder.AddAwsClient<IAmazonSimpleSystemsManagement>("SSM");
        builder.Services.AddSingleton<StripeSecretKey>();
        StartupTask.Register(builder.Services, (services, cancellationToken) => services.GetRequiredService<StripeSecretKey>().LoadAsync(cancellationToken));
        builder.Services.AddSingleton<StripePayments>();
        return builder;
    }
}
