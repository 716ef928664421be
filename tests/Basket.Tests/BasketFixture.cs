using Amazon.SQS;
using Amazon.SQS.Model;
using System.Net.Http.Json;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets.Tests;

[CollectionDefinition(Name)]
public sealed class LocalEdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>The Basket service in memory against the edge, with its own tables and bus.</summary>
public sealed class BasketService(LocalEdge edge) : ServiceFactory<Program>(edge)
{
    private long _version;

    public LocalEdge Edge { get; } = edge;

    /// <summary>Puts products into Basket's view of the catalogue as their ProductChanged events would, each a newer version.</summary>
    public async Task CatalogueAsync(params (string ProductId, decimal Price)[] products)
    {
        var view = Services.GetRequiredService<CatalogueView>();
        foreach (var (productId, price) in products)
        {
            await view.ApplyAsync(new ProductChangedEvent(productId, "Name of " + productId, price, "Test", null, Interlocked.Increment(ref _version), Deleted: false), default);
        }
    }

    /// <summary>Saves a basket of these lines, each product first put in the catalogue at the price given.</summary>
    public async Task<HttpResponseMessage> PostBasketAsync(HttpClient client, string userName, params (string ProductId, int Quantity, decimal Price)[] items)
    {
        await CatalogueAsync([.. items.Select(i => (i.ProductId, i.Price))]);
        return await client.PostAsJsonAsync("/basket", BasketRequests.Basket(userName, items));
    }
}

/// <summary>
/// Watches the service's bus the way a consumer would: a rule with the checkout pattern that targets
/// a queue of the test's own, read with AWSSDK.SQS.
/// </summary>
public sealed class CheckoutObserver : IAsyncDisposable
{
    private readonly IAmazonSQS _sqs;
    private readonly string _queueUrl;

    private CheckoutObserver(IAmazonSQS sqs, string queueUrl) => (_sqs, _queueUrl) = (sqs, queueUrl);

    public static async Task<CheckoutObserver> StartAsync(BasketService service)
    {
        service.CreateClient().Dispose(); // starts the host, which creates the bus
        var configuration = service.Services.GetRequiredService<IConfiguration>();
        var sqs = AwsClientExtensions.CreateOptions(configuration, "SQS").CreateServiceClient<IAmazonSQS>();
        var queueUrl = (await sqs.CreateQueueAsync("observer" + service.Suffix)).QueueUrl;
        var queueArn = (await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;

        var bus = service.Services.GetRequiredService<ResourceNames>()[ResourceDefinitions.EventBus];
        var eventBridge = service.Services.GetRequiredService<IEventBridgeClient>();
        await eventBridge.PutRuleAsync(new RuleDefinition("observer" + service.Suffix, bus, ResourceDefinitions.CheckoutEvents.EventPattern), default);
        await eventBridge.PutTargetsAsync("observer" + service.Suffix, bus, [new RuleTarget("observer", queueArn)], default);
        return new CheckoutObserver(sqs, queueUrl);
    }

    /// <summary>Waits until <paramref name="count"/> events arrived, then makes sure no more follow.</summary>
    public async Task<List<string>> ExpectAsync(int count)
    {
        var bodies = new List<string>();
        if (count > 0)
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    bodies.AddRange(await ReceiveAsync(waitSeconds: 1));
                    return bodies.Count;
                },
                received => received >= count,
                TimeSpan.FromSeconds(10),
                $"{count} checkout events");
        }

        bodies.AddRange(await ReceiveAsync(waitSeconds: 1));
        Assert.Equal(count, bodies.Count);
        return bodies;
    }

    private async Task<IEnumerable<string>> ReceiveAsync(int waitSeconds)
    {
        var response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _queueUrl,
            MaxNumberOfMessages = 10,
            WaitTimeSeconds = waitSeconds,
        });
        var messages = response.Messages ?? [];
        foreach (var message in messages)
        {
            await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle);
        }

        return messages.Select(m => m.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _sqs.DeleteQueueAsync(_queueUrl);
        _sqs.Dispose();
    }
}
