extern alias basket;
extern alias inventory;
extern alias ordering;
extern alias payment;
extern alias product;
extern alias shared;

using Amazon.CDK.AWS.Lambda;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using UsedResource = shared::Ecommerce.Shared.Resources.UsedResource;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// Each function's service, started with the function's own modes, names the resources it reads; every one
/// must be in the function's environment, or in the cloud the service would look for its default name,
/// which no stack has.
/// </summary>
[Collection(UsesSynthesizedStacks.Name)]
public sealed class FunctionResourcesTests(SynthesizedStacks stacks)
{
    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void Each_function_is_told_the_name_of_every_resource_its_service_reads()
    {
        var functions = Dev.Stack.Functions;
        AssertToldEverythingRead<product::Program>(functions.Product);
        AssertToldEverythingRead<product::Program>(functions.ProductPublisher);
        AssertToldEverythingRead<basket::Program>(functions.Basket);
        AssertToldEverythingRead<basket::Program>(functions.BasketCatalogueConsumer);
        AssertToldEverythingRead<ordering::Program>(functions.OrderingApi);
        AssertToldEverythingRead<ordering::Program>(functions.OrderingConsumer);
        AssertToldEverythingRead<ordering::Program>(functions.OrderingSagaConsumer);
        AssertToldEverythingRead<ordering::Program>(functions.OrderingExpiryConsumer);
        AssertToldEverythingRead<ordering::Program>(functions.OrderingPublisher);
    }

    [Fact]
    public void Each_inventory_and_payment_function_is_told_the_name_of_every_resource_its_service_reads()
    {
        var functions = Dev.Stack.Functions;
        AssertToldEverythingRead<inventory::Program>(functions.InventoryApi);
        AssertToldEverythingRead<inventory::Program>(functions.InventoryProductConsumer);
        AssertToldEverythingRead<inventory::Program>(functions.InventoryOrderConsumer);
        AssertToldEverythingRead<payment::Program>(functions.PaymentApi);
        AssertToldEverythingRead<payment::Program>(functions.PaymentOrderConsumer);
    }

    private void AssertToldEverythingRead<TProgram>(Function function)
        where TProgram : class
    {
        var environment = Dev.Properties(function).GetProperty("Environment").GetProperty("Variables").EnumerateObject().ToList();
        using var service = new WebApplicationFactory<TProgram>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            // A loopback issuer that answers nothing: the keys fetched at start fail fast and are only logged.
            builder.UseSetting("Auth:Issuer", "http://127.0.0.1:9/issuer");
            builder.UseSetting("Auth:ClientIds", "client");
            builder.UseSetting("Paging:TokenKey", Convert.ToBase64String(new byte[32]));
            foreach (var mode in environment.Where(variable => variable.Name.EndsWith("__Mode", StringComparison.Ordinal)))
            {
                builder.UseSetting(mode.Name.Replace("__", ":", StringComparison.Ordinal), mode.Value.GetString());
            }

            // What a service registers is what it reads; its start-up work (Payment's key from SSM, pollers) needs AWS and is not run.
            builder.ConfigureServices(services => services.RemoveAll<IHostedService>());
        });

        var read = service.Services.GetServices<UsedResource>().Select(used => used.Resource.EnvironmentVariable).Distinct().ToList();
        var told = environment.Select(variable => variable.Name).ToHashSet();
        Assert.NotEmpty(read);
        Assert.Empty(read.Where(variable => !told.Contains(variable)).Select(variable => $"{function.Node.Id}: {variable}"));
    }
}
