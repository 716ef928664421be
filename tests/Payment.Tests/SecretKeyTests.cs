using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Payments.Tests;

/// <summary>The Stripe secret key: from SSM Parameter Store at start, put there locally when missing, never started without.</summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class SecretKeyTests(LocalEdge edge)
{
    [Fact]
    public async Task Locally_a_missing_parameter_is_put_as_a_SecureString_from_the_local_key_and_read_at_start()
    {
        using var service = new PaymentService(edge).Started();
        using var ssm = AwsClientExtensions.CreateOptions(service.Services.GetRequiredService<IConfiguration>(), "SSM").CreateServiceClient<IAmazonSimpleSystemsManagement>();
        var name = service.Name(ResourceDefinitions.StripeSecretKeyParameter);

        var parameter = (await ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true })).Parameter;

        Assert.Equal((ParameterType.SecureString, PaymentService.SecretKey), (parameter.Type, parameter.Value));
        Assert.Contains(service.Logs.Lines, line => line.Contains("Stripe secret key read from the parameter " + name, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_parameter_and_without_a_local_key_the_service_does_not_start_and_says_why()
    {
        using var service = new PaymentService(edge, withLocalKey: false);

        var failure = Assert.ThrowsAny<Exception>(() => service.CreateClient().Dispose());

        var name = ResourceDefinitions.StripeSecretKeyParameter.DefaultName + service.Suffix;
        Assert.Contains($"The Stripe secret key's parameter {name} is not in SSM Parameter Store", failure.GetBaseException().Message, StringComparison.Ordinal);
    }
}
