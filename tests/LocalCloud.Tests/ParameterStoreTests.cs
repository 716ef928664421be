using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Ecommerce.TestSupport;
using Stripe;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The unmodified AWSSDK.SimpleSystemsManagement client against the edge: the Stripe key as a SecureString, seeded and read.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class ParameterStoreTests(LocalEdge edge) : IDisposable
{
    private readonly AmazonSimpleSystemsManagementClient _ssm = new(
        new BasicAWSCredentials("local", "local"),
        new AmazonSimpleSystemsManagementConfig { ServiceURL = edge.EndpointUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public void Dispose() => _ssm.Dispose();

    [Fact]
    public async Task A_secure_string_is_read_back_decrypted_only_when_asked()
    {
        var name = $"/ecommerce/{Clients.Unique("test")}/stripe-secret-key";
        var put = await _ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = "sk_test_secret", Type = ParameterType.SecureString });

        var decrypted = (await _ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true })).Parameter;
        var encrypted = (await _ssm.GetParameterAsync(new GetParameterRequest { Name = name })).Parameter;

        Assert.Equal(1, put.Version);
        Assert.Equal(("sk_test_secret", ParameterType.SecureString, 1L), (decrypted.Value, decrypted.Type, decrypted.Version));
        Assert.NotEqual("sk_test_secret", encrypted.Value);
        Assert.EndsWith($"parameter{name}", decrypted.ARN, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parameter_is_replaced_only_with_overwrite()
    {
        var name = $"/ecommerce/{Clients.Unique("test")}/key";
        await _ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = "first", Type = ParameterType.SecureString });

        await Assert.ThrowsAsync<ParameterAlreadyExistsException>(() =>
            _ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = "second", Type = ParameterType.SecureString }));
        var overwritten = await _ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = "second", Type = ParameterType.SecureString, Overwrite = true });
        var read = (await _ssm.GetParameterAsync(new GetParameterRequest { Name = name, WithDecryption = true })).Parameter;

        Assert.Equal(2, overwritten.Version);
        Assert.Equal(("second", 2L), (read.Value, read.Version));
    }

    [Fact]
    public async Task A_missing_parameter_is_ParameterNotFound()
    {
        await Assert.ThrowsAsync<ParameterNotFoundException>(() =>
            _ssm.GetParameterAsync(new GetParameterRequest { Name = $"/ecommerce/{Clients.Unique("missing")}", WithDecryption = true }));
    }

    [FaultInjectionFact]
    public async Task Reset_forgets_parameters_and_payment_intents()
    {
        var name = $"/ecommerce/{Clients.Unique("reset")}";
        var orderId = Clients.Unique("order");
        var provider = new PaymentProvider(edge);
        await _ssm.PutParameterAsync(new PutParameterRequest { Name = name, Value = "v", Type = ParameterType.SecureString });
        await new PaymentIntentService(provider.Client()).CreateAsync(PaymentProvider.Authorize("pm_card_visa", orderId));

        await edge.ResetAsync();

        await Assert.ThrowsAsync<ParameterNotFoundException>(() => _ssm.GetParameterAsync(new GetParameterRequest { Name = name }));
        Assert.Empty(await provider.IntentsOfOrderAsync(orderId));
    }

    [FaultInjectionFact]
    public async Task An_injected_ssm_error_raises_the_typed_exception()
    {
        await edge.InjectFaultAsync("GetParameter", "InternalServerError", 500);

        await Assert.ThrowsAsync<InternalServerErrorException>(() => _ssm.GetParameterAsync(new GetParameterRequest { Name = "/anything" }));
    }
}
