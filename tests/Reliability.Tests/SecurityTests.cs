extern alias basket;
extern alias ordering;
extern alias product;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SQS.Model;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using BasketProgram = basket::Program;
using OrderingProgram = ordering::Program;
using ProductProgram = product::Program;

namespace Ecommerce.Reliability.Tests;

/// <summary>A shop that logs everything, and whose DynamoDB requests are kept as the services built them.</summary>
public sealed class SecurityShop : ShopFixture
{
    public static readonly ConcurrentQueue<AmazonWebServiceRequest> DynamoDbRequests = new();

    protected override Shop CreateShop(LocalEdge edge)
    {
        RuntimePipelineCustomizerRegistry.Instance.Register(new DynamoDbRequestRecorder());
        return new Shop(edge, traceLogs: true);
    }

    /// <summary>Adds <see cref="Recorder"/> to the pipeline of every DynamoDB client made from now on.</summary>
    private sealed class DynamoDbRequestRecorder : IRuntimePipelineCustomizer
    {
        public string UniqueName => "Reliability.Tests.DynamoDbRequestRecorder";

        public void Customize(Type type, RuntimePipeline pipeline)
        {
            if (typeof(IAmazonDynamoDB).IsAssignableFrom(type))
            {
                pipeline.AddHandler(new Recorder());
            }
        }
    }

    private sealed class Recorder : PipelineHandler
    {
        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            if (DynamoDbRequests.Count < 10_000) // the registry is process-wide: other classes' clients pass here too
            {
                DynamoDbRequests.Enqueue(executionContext.RequestContext.OriginalRequest);
            }
            return base.InvokeAsync<T>(executionContext);
        }
    }
}

/// <summary>
/// What SECURITY.md promises: the card number reaches no log, event, item or response; DynamoDB
/// requests carry values only as expression attribute values; CORS is an allow-list; errors carry no
/// exception text.
/// </summary>
public sealed class SecurityTests(SecurityShop fixture) : IClassFixture<SecurityShop>
{
    private const string Sentinel = "Zq7Sentinel";

    private Shop Shop => fixture.Shop;

    [FaultInjectionFact]
    public async Task The_full_card_number_is_in_no_response_log_line_event_or_stored_item()
    {
        var card = Shop.CardNumber;
        var responses = new List<string>();
        await using var observer = await EventObserver.StartAsync(Shop);
        var user = "card-" + Guid.NewGuid().ToString("N")[..6];
        (await Shop.SaveBasketAsync(user, ("p1", 1, 5m))).EnsureSuccessStatusCode();
        await fixture.Edge.InjectFaultAsync("PutEvents", "InternalException", 500, AwsClientExtensions.MaxAttempts);

        responses.Add(await TextOfAsync(await Shop.CheckoutAsync(user)));             // 503: not published
        responses.Add(await TextOfAsync(await Shop.CheckoutAsync(user, "key-" + user))); // 202
        responses.Add(await TextOfAsync(await Shop.CheckoutAsync(user, "key-" + user))); // 202 again, from the key
        responses.Add(await TextOfAsync(await Shop.Baskets.PostAsync("/basket/checkout", Json($$"""{"userName":"{{user}}","email":"not-an-email","cardInfo":"{{card}}"}"""))));
        responses.Add(await TextOfAsync(await Shop.Baskets.PostAsync("/basket/checkout", Json($$"""{"userName":"{{user}}","cardInfo":"{{card}}",""")))); // malformed
        responses.Add(await TextOfAsync(await Shop.Baskets.PostAsync("/basket/checkout", Json($$"""{"userName":"{{user}}","paymentMethod":1,"cardInfo":{{card}}}""")))); // a number
        responses.Add(await TextOfAsync(await Shop.Baskets.PostAsync("/basket/checkout", Json(
            $$"""{"userName":"{{user}}","firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","address":"London","paymentMethodId":"pm_card_visa","cardInfo":"{{card}}"}""")))); // refused
        var order = await Shop.OrderIdsOfAsync(user, 1);
        responses.Add(await TextOfAsync(await Shop.Orders.GetAsync($"/order/{user}")));
        responses.Add(await TextOfAsync(await Shop.Orders.GetAsync("/order")));
        var events = await observer.ReceiveAsync(1);

        Assert.Single(order);
        Assert.Contains(responses, r => r.Contains("Card numbers never reach this service", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Contains($"\"paymentMethodId\":\"{ShopRequests.PaymentMethodId}\"", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Contains("cardLast4", StringComparison.Ordinal) || e.Contains("cardInfo", StringComparison.Ordinal));
        var stored = new List<string>();
        foreach (var table in new[] { ResourceDefinitions.ProductTable, ResourceDefinitions.BasketTable, ResourceDefinitions.CheckoutIdempotencyTable, ResourceDefinitions.OrderTable })
        {
            stored.AddRange((await Shop.ScanAsync(table)).Select(item => JsonSerializer.Serialize(item.ToDictionary(a => a.Key, a => a.Value.S ?? a.Value.N ?? "(map or list)"))));
            stored.AddRange((await Shop.ScanAsync(table)).SelectMany(Strings));
        }

        var logs = Shop.LogLines.ToList();
        Assert.NotEmpty(logs);
        Assert.NotEmpty(stored);
        foreach (var (what, texts) in new[] { ("response", responses), ("event", events), ("stored item", stored), ("log line", logs) })
        {
            // The whole number, and its first twelve digits, which are more than the last four.
            Assert.DoesNotContain(texts, t => t.Contains(card, StringComparison.Ordinal) || t.Contains(card[..12], StringComparison.Ordinal));
            Assert.True(texts.Count > 0, $"no {what} was captured");
        }
    }

    [Fact]
    public async Task Dynamodb_requests_carry_client_values_only_as_expression_attribute_values()
    {
        SecurityShop.DynamoDbRequests.Clear();
        var category = Sentinel + "-cat";
        var user = Sentinel + "-user";
        var created = await Shop.PostAsync<JsonElement>(Shop.Products, "/product", new { name = Sentinel + "-name", price = 1m, category });
        var id = created.GetProperty("id").GetString()!;
        var put = new HttpRequestMessage(HttpMethod.Put, $"/product/{id}") { Content = JsonContent.Create(new { name = Sentinel + "-renamed", price = 2m, category }) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var calls = new Func<Task<HttpResponseMessage>>[]
        {
            () => Shop.Products.GetAsync($"/product/{id}"),
            () => Shop.Products.GetAsync($"/product?category={category}"),
            () => Shop.Products.GetAsync("/product?limit=1"),
            () => Shop.Products.SendAsync(put),
            () => Shop.Products.DeleteAsync($"/product/{id}"),
            () => Shop.SaveBasketAsync(user, (Sentinel + "-product", 1, 1m)),
            () => Shop.Baskets.GetAsync($"/basket/{user}"),
            () => Shop.Baskets.GetAsync("/basket?limit=1"),
            () => Shop.CheckoutAsync(user, Sentinel + "-key"),
            () => Shop.SaveBasketAsync(user + "2", ("p", 1, 1m)),
            () => Shop.Baskets.DeleteAsync($"/basket/{user}2"),
            () => Shop.Orders.GetAsync($"/order/{user}?orderDate=2026-01-31T12:00:00.000Z"),
            () => Shop.Orders.GetAsync("/order?limit=1"),
        };
        foreach (var call in calls)
        {
            Assert.True((await call()).IsSuccessStatusCode);
        }

        await Shop.OrderIdsOfAsync(user, 1);

        var requests = SecurityShop.DynamoDbRequests.Where(r => TableOf(r)?.EndsWith(Shop.Suffix, StringComparison.Ordinal) == true).ToList();
        Assert.Superset(
            new HashSet<string> { "GetItemRequest", "PutItemRequest", "UpdateItemRequest", "DeleteItemRequest", "QueryRequest", "ScanRequest" },
            requests.Select(r => r.GetType().Name).ToHashSet());
        foreach (var request in requests)
        {
            var (expressions, legacy) = Inspect(request);
            Assert.All(expressions, e => Assert.DoesNotContain(Sentinel, e, StringComparison.Ordinal));
            Assert.False(legacy, $"{request.GetType().Name} uses a legacy parameter instead of an expression");
        }
    }

    [Fact]
    public void Every_service_refuses_to_start_with_a_wildcard_cors_origin()
    {
        foreach (var start in new Action[]
        {
            () => Wildcard(new ServiceFactory<ProductProgram>(fixture.Edge)).CreateClient(),
            () => Wildcard(new ServiceFactory<BasketProgram>(fixture.Edge)).CreateClient(),
            () => Wildcard(new ServiceFactory<OrderingProgram>(fixture.Edge)).CreateClient(),
        })
        {
            Assert.Throws<InvalidOperationException>(start);
        }
    }

    [Fact]
    public async Task Every_service_answers_no_preflight_for_an_origin_not_configured()
    {
        foreach (var client in new[] { Shop.Products, Shop.Baskets, Shop.Orders })
        {
            var preflight = new HttpRequestMessage(HttpMethod.Options, "/health");
            preflight.Headers.Add("Origin", "https://evil.example.net");
            preflight.Headers.Add("Access-Control-Request-Method", "DELETE");

            using var response = await client.SendAsync(preflight);

            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    [FaultInjectionFact]
    public async Task An_unexpected_aws_error_is_a_generic_500_without_its_text_and_logged_without_a_stack()
    {
        var message = "internal detail " + Sentinel;
        using (var admin = new HttpClient { BaseAddress = new Uri(fixture.Edge.EndpointUrl) })
        {
            (await admin.PostAsync("/_localcloud/faults", Json($$"""{"operation":"Scan","errorCode":"ValidationException","statusCode":400,"count":1,"message":"{{message}}"}"""))).EnsureSuccessStatusCode();
        }

        using var response = await Shop.Products.GetAsync("/product");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        foreach (var secret in new[] { Sentinel, "ValidationException", "Exception", "Amazon", "   at " })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }

        Assert.Contains(Shop.Product.Logs.Lines, line => line.Contains("Unhandled", StringComparison.Ordinal) && line.Contains("AmazonDynamoDBException", StringComparison.Ordinal));
        Assert.DoesNotContain(Shop.Product.Logs.Lines, line => line.Contains("   at ", StringComparison.Ordinal) || line.Contains(Sentinel, StringComparison.Ordinal));
    }

    private static ServiceFactory<T> Wildcard<T>(ServiceFactory<T> factory)
        where T : class
    {
        factory.Settings["Cors:AllowedOrigins:0"] = "*";
        return factory;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<string> TextOfAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(',', h.Value)}"))
                + "\n" + await response.Content.ReadAsStringAsync();
        }
    }

    /// <summary>Every string inside an item, however deep.</summary>
    private static IEnumerable<string> Strings(Dictionary<string, AttributeValue> item) => item.Values.SelectMany(Strings);

    private static IEnumerable<string> Strings(AttributeValue value) =>
        value.S is not null ? [value.S]
        : value.M is not null ? Strings(value.M)
        : value.L is not null ? value.L.SelectMany(Strings)
        : value.N is not null ? [value.N]
        : [];

    private static string? TableOf(AmazonWebServiceRequest request) => request switch
    {
        GetItemRequest r => r.TableName,
        PutItemRequest r => r.TableName,
        UpdateItemRequest r => r.TableName,
        DeleteItemRequest r => r.TableName,
        QueryRequest r => r.TableName,
        ScanRequest r => r.TableName,
        _ => null,
    };

    /// <summary>The expressions of a request, and whether it uses a parameter older than expressions.</summary>
    private static (IEnumerable<string?> Expressions, bool Legacy) Inspect(AmazonWebServiceRequest request) => request switch
    {
        GetItemRequest r => ([r.ProjectionExpression], r.AttributesToGet is { Count: > 0 }),
        PutItemRequest r => ([r.ConditionExpression], r.Expected is { Count: > 0 } || r.ConditionalOperator is not null),
        UpdateItemRequest r => ([r.ConditionExpression, r.UpdateExpression], r.Expected is { Count: > 0 } || r.AttributeUpdates is { Count: > 0 } || r.ConditionalOperator is not null),
        DeleteItemRequest r => ([r.ConditionExpression], r.Expected is { Count: > 0 } || r.ConditionalOperator is not null),
        QueryRequest r => ([r.KeyConditionExpression, r.FilterExpression, r.ProjectionExpression], r.KeyConditions is { Count: > 0 } || r.QueryFilter is { Count: > 0 } || r.AttributesToGet is { Count: > 0 }),
        ScanRequest r => ([r.FilterExpression, r.ProjectionExpression], r.ScanFilter is { Count: > 0 } || r.AttributesToGet is { Count: > 0 }),
        _ => ([], false),
    };

    /// <summary>A queue of the test's own behind a rule on the shop's bus: what EventBridge delivers to anyone who listens.</summary>
    private sealed class EventObserver(Shop shop, string queueUrl) : IAsyncDisposable
    {
        public static async Task<EventObserver> StartAsync(Shop shop)
        {
            var name = "observer" + shop.Suffix;
            var queueUrl = (await shop.Sqs.CreateQueueAsync(name)).QueueUrl;
            var queueArn = (await shop.Sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).QueueARN;
            var eventBridge = shop.Basket.Services.GetRequiredService<IEventBridgeClient>();
            var bus = shop.Basket.Services.GetRequiredService<ResourceNames>()[ResourceDefinitions.EventBus];
            await eventBridge.PutRuleAsync(new RuleDefinition(name, bus, ResourceDefinitions.CheckoutEvents.EventPattern), default);
            await eventBridge.PutTargetsAsync(name, bus, [new RuleTarget("observer", queueArn)], default);
            return new EventObserver(shop, queueUrl);
        }

        public async Task<List<string>> ReceiveAsync(int count)
        {
            var bodies = new List<string>();
            await Eventually.HoldsAsync(
                async () =>
                {
                    var received = await shop.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
                    bodies.AddRange((received.Messages ?? []).Select(m => m.Body));
                    return bodies.Count;
                },
                n => n >= count,
                TimeSpan.FromSeconds(15),
                $"{count} events");
            return bodies;
        }

        public async ValueTask DisposeAsync() => await shop.Sqs.DeleteQueueAsync(queueUrl);
    }
}
