using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Ecommerce.Baskets.Catalogue;
using Ecommerce.Contracts;
using Ecommerce.Shared.Aws;
using Ecommerce.Shared.Events;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ecommerce.Baskets.Tests;

[Collection(LocalEdgeDefinition.Name)]
public sealed class CheckoutTests(LocalEdge edge) : IAsyncLifetime
{
    private readonly BasketService _service = CreateService(edge);
    private CheckoutObserver _events = null!;
    private HttpClient Client => _client ??= _service.CreateClient();
    private HttpClient? _client;

    private Task<HttpResponseMessage> PostBasketAsync(string userName, params (string ProductId, int Quantity, decimal Price)[] items) =>
        _service.PostBasketAsync(Client, userName, items);

    public async Task InitializeAsync() => _events = await CheckoutObserver.StartAsync(_service);

    public async Task DisposeAsync()
    {
        await _events.DisposeAsync();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Checkout_publishes_one_event_matching_the_contract_then_deletes_the_basket()
    {
        await SaveBasketAsync("ada", ("p1", 2, 10.25m), ("p2", 1, 0.5m));
        var before = DateTimeOffset.UtcNow;

        var response = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<CheckoutAcceptedDto>();
        Assert.Equal(("ada", 21m), (accepted!.UserName, accepted.TotalPrice));
        Assert.True(Guid.TryParse(accepted.CheckoutId, out _));

        var envelope = JsonDocument.Parse(Assert.Single(await _events.ExpectAsync(1))).RootElement;
        Assert.Equal("com.swn.basket.checkoutbasket", envelope.GetProperty("source").GetString());
        Assert.Equal("CheckoutBasket", envelope.GetProperty("detail-type").GetString());
        var detail = envelope.GetProperty("detail");
        Assert.Equal(
            ["address", "checkedOutAt", "checkoutId", "email", "firstName", "items", "lastName", "paymentMethodId", "totalPrice", "userName"],
            detail.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(accepted.CheckoutId, detail.GetProperty("checkoutId").GetString());
        Assert.Equal("ada", detail.GetProperty("userName").GetString());
        Assert.Equal(21m, detail.GetProperty("totalPrice").GetDecimal());
        Assert.Equal(("Ada", "Lovelace", "ada@example.com", ShopRequests.PaymentMethodId), (
            detail.GetProperty("firstName").GetString(), detail.GetProperty("lastName").GetString(),
            detail.GetProperty("email").GetString(), detail.GetProperty("paymentMethodId").GetString()));
        var checkedOutAt = DateTimeOffset.Parse(detail.GetProperty("checkedOutAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(checkedOutAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.EndsWith("Z", detail.GetProperty("checkedOutAt").GetString(), StringComparison.Ordinal);
        var items = detail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(("p1", 2, 10.25m, "Name of p1", "Black"), (
            items[0].GetProperty("productId").GetString(), items[0].GetProperty("quantity").GetInt32(), items[0].GetProperty("price").GetDecimal(),
            items[0].GetProperty("productName").GetString(), items[0].GetProperty("color").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/basket/ada")).StatusCode);
    }

    [Fact]
    public async Task Checkout_of_a_missing_basket_is_a_404_and_nothing_is_published()
    {
        var response = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("nobody"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await response.ReadProblemAsync()).Status);
        await _events.ExpectAsync(0);
    }

    [Fact]
    public async Task Checkout_of_an_empty_basket_is_rejected_and_nothing_is_published()
    {
        await SaveBasketAsync("ada");

        var response = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(409, (await response.ReadProblemAsync()).Status);
        await _events.ExpectAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/basket/ada")).StatusCode);
    }

    [Fact]
    public async Task Checkout_of_a_basket_holding_a_product_deleted_since_is_a_409_naming_it_and_publishes_nothing()
    {
        await SaveBasketAsync("ada", ("p1", 1, 3m), ("p2", 1, 4m));
        await _service.Services.GetRequiredService<CatalogueView>().ApplyAsync(
            new ProductChangedEvent("p2", "Name of p2", 4m, "Test", null, Version: 1000, Deleted: true), default);

        var response = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal("items[1].productId", Assert.Single(problem.Errors!.Keys));
        Assert.Contains("Name of p2", problem.Errors["items[1].productId"][0], StringComparison.Ordinal);
        await _events.ExpectAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/basket/ada")).StatusCode);
    }

    [Fact]
    public async Task Checkout_charges_the_catalogues_price_of_the_moment_and_the_event_carries_it()
    {
        await SaveBasketAsync("ada", ("p1", 2, 3m));
        await _service.CatalogueAsync(("p1", 5.25m));

        var accepted = await (await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"))).Content.ReadFromJsonAsync<CheckoutAcceptedDto>();

        Assert.Equal(10.5m, accepted!.TotalPrice);
        var detail = JsonDocument.Parse(Assert.Single(await _events.ExpectAsync(1))).RootElement.GetProperty("detail");
        Assert.Equal(10.5m, detail.GetProperty("totalPrice").GetDecimal());
        Assert.Equal(5.25m, detail.GetProperty("items")[0].GetProperty("price").GetDecimal());
        Assert.Equal("Name of p1", detail.GetProperty("items")[0].GetProperty("productName").GetString());
    }

    private const string Named = """ "userName":"ada","firstName":"A","lastName":"L","email":"a@b.c","address":"x" """;

    public static TheoryData<string, string> InvalidCheckouts => new()
    {
        { """{"firstName":"A","lastName":"L","email":"a@b.c","address":"x","paymentMethodId":"pm_card_visa"}""", "userName" },
        { """{"userName":"ada","lastName":"L","email":"a@b.c","address":"x","paymentMethodId":"pm_card_visa"}""", "firstName" },
        { """{"userName":"ada","firstName":"A","lastName":"L","email":"not-an-email","address":"x","paymentMethodId":"pm_card_visa"}""", "email" },
        { """{"userName":"ada","firstName":"A","lastName":"L","email":"a@b.c","paymentMethodId":"pm_card_visa"}""", "address" },
        { $$"""{{{Named}}}""", "paymentMethodId" },
        { $$"""{{{Named}},"paymentMethodId":null}""", "paymentMethodId" },
        { $$"""{{{Named}},"paymentMethodId":""}""", "paymentMethodId" },
        { $$"""{{{Named}},"paymentMethodId":"pm_{{new string('a', Limits.PaymentMethodId - 2)}}"}""", "paymentMethodId" },
        { $$"""{{{Named}},"paymentMethodId":"pm card"}""", "paymentMethodId" },
        { $$"""{{{Named}},"paymentMethodId":"pm-card"}""", "paymentMethodId" },
        { $$"""{{{Named}},"paymentMethodId":"pm_café"}""", "paymentMethodId" },
    };

    [Fact]
    public async Task A_payment_method_id_of_the_longest_length_is_accepted()
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));
        var longest = "pm_" + new string('a', Limits.PaymentMethodId - 3);

        var response = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada", longest));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var detail = JsonDocument.Parse(Assert.Single(await _events.ExpectAsync(1))).RootElement.GetProperty("detail");
        Assert.Equal(longest, detail.GetProperty("paymentMethodId").GetString());
    }

    [Fact]
    public async Task The_published_event_carries_the_payment_method_id_and_no_card_data()
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));

        var response = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada", "pm_1QxYz2AbCdEf"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = Assert.Single(await _events.ExpectAsync(1));
        var detail = JsonDocument.Parse(published).RootElement.GetProperty("detail");
        Assert.Equal("pm_1QxYz2AbCdEf", detail.GetProperty("paymentMethodId").GetString());
        Assert.False(detail.TryGetProperty("cardInfo", out _));
        Assert.False(detail.TryGetProperty("cardLast4", out _));
        Assert.False(detail.TryGetProperty("paymentMethod", out _));
        Assert.DoesNotMatch(@"[0-9]{12,}", detail.GetRawText());
    }

    public static TheoryData<string, string> CardData => new()
    {
        { $$"""{{{Named}},"paymentMethodId":"pm_card_visa","cardInfo":"{{ShopRequests.CardNumber}}"}""", "cardInfo" },
        { $$"""{{{Named}},"cardInfo":"{{ShopRequests.CardNumber}}"}""", "cardInfo" },
        { $$"""{{{Named}},"paymentMethodId":"pm_card_visa","cardInfo":{{ShopRequests.CardNumber}}}""", "cardInfo" },
        { $$"""{{{Named}},"paymentMethodId":"pm_card_visa","cardInfo":{"number":"{{ShopRequests.CardNumber}}" """ + "}}", "cardInfo" },
        { $$"""{{{Named}},"paymentMethodId":"pm_card_visa","cardInfo":null}""", "cardInfo" },
        { $$"""{{{Named}},"paymentMethodId":"pm_card_visa","paymentMethod":1}""", "paymentMethod" },
        { $$"""{{{Named}},"paymentMethod":1,"cardInfo":"{{ShopRequests.CardNumber}}"}""", "cardInfo" },
    };

    [Theory]
    [MemberData(nameof(CardData))]
    public async Task A_checkout_carrying_card_data_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var response = await CheckoutOfAdasBasketAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(ShopRequests.CardNumber, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([CheckoutInput.NoCardData], (await response.ReadProblemAsync()).Errors![field]);
        await AssertNothingPublishedAndAdasBasketKeptAsync();
        Assert.DoesNotContain(_service.Logs.Lines, line => line.Contains(ShopRequests.CardNumber, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_asks_for_a_payment_method_id_and_shows_no_card_fields()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"));

        var checkout = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CheckoutInput").GetProperty("properties");
        Assert.True(checkout.TryGetProperty("paymentMethodId", out _));
        Assert.False(checkout.TryGetProperty("cardInfo", out _));
        Assert.False(checkout.TryGetProperty("paymentMethod", out _));
    }

    [Theory]
    [MemberData(nameof(InvalidCheckouts))]
    public async Task An_invalid_checkout_is_a_400_and_nothing_is_published_and_the_basket_is_kept(string body, string field)
    {
        var response = await CheckoutOfAdasBasketAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadProblemAsync()).Errors!.Keys);
        await AssertNothingPublishedAndAdasBasketKeptAsync();
    }

    [FaultInjectionFact]
    public async Task When_put_events_throws_the_answer_is_503_the_basket_is_kept_and_a_retry_succeeds_once()
    {
        await SaveBasketAsync("ada", ("p1", 1, 3m));
        await edge.InjectFaultAsync("PutEvents", "InternalException", 500, count: AwsClientExtensions.MaxAttempts);

        var failed = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.NotNull(failed.Headers.RetryAfter);
        Assert.Equal(503, (await failed.ReadProblemAsync()).Status);
        Assert.Equal(3m, (await Client.GetFromJsonAsync<BasketDto>("/basket/ada"))!.TotalPrice);
        await _events.ExpectAsync(0);

        var retried = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        await _events.ExpectAsync(1);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/basket/ada")).StatusCode);
    }

    [FaultInjectionFact]
    public async Task When_eventbridge_fails_the_entry_the_answer_is_503_and_the_basket_is_kept()
    {
        await SaveBasketAsync("ada", ("p1", 1, 3m));
        await edge.FailPutEventsEntriesAsync();

        var failed = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/basket/ada")).StatusCode);
        await _events.ExpectAsync(0);
        Assert.Equal(HttpStatusCode.Accepted, (await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"))).StatusCode);
        await _events.ExpectAsync(1);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_answers_the_same_and_publishes_nothing_new()
    {
        await SaveBasketAsync("ada", ("p1", 2, 4.5m));

        var first = await CheckoutAsync("ada", "key-1");
        var retry = await CheckoutAsync("ada", "key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(
            await first.Content.ReadFromJsonAsync<CheckoutAcceptedDto>(),
            await retry.Content.ReadFromJsonAsync<CheckoutAcceptedDto>());
        await _events.ExpectAsync(1);
    }

    [Fact]
    public async Task Concurrent_checkouts_with_one_idempotency_key_publish_one_event_and_answer_alike()
    {
        await SaveBasketAsync("ada", ("p1", 1, 9.99m));

        // A request that waited longer than the service will for the first one (a slow machine) is asked to retry
        // with the same key, and does, as a client would: the answer must then be the first one's.
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Eventually.HoldsAsync(
            () => CheckoutAsync("ada", "same-key"),
            r => !(r.StatusCode == HttpStatusCode.Conflict && r.Headers.RetryAfter is not null),
            TimeSpan.FromSeconds(30),
            "an answer other than 'still in progress'")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<CheckoutAcceptedDto>()));
        Assert.Single(answers.Distinct());
        await _events.ExpectAsync(1);
    }

    [Fact]
    public async Task The_idempotency_table_expires_its_keys_by_time_to_live_as_the_cdk_stack_sets_it()
    {
        // InitializeAsync started the host, and with it the provisioning of its tables.
        var names = _service.Services.GetRequiredService<ResourceNames>();
        var dynamo = _service.Services.GetRequiredService<IAmazonDynamoDB>();

        var ttl = (await dynamo.DescribeTimeToLiveAsync(names[ResourceDefinitions.CheckoutIdempotencyTable])).TimeToLiveDescription;

        Assert.Equal(TimeToLiveStatus.ENABLED, ttl.TimeToLiveStatus);
        Assert.Equal(ResourceDefinitions.CheckoutIdempotencyTable.TimeToLiveAttribute, ttl.AttributeName);
    }

    [Fact]
    public async Task A_new_idempotency_key_after_a_checkout_finds_no_basket()
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));
        await CheckoutAsync("ada", "key-a");

        var response = await CheckoutAsync("ada", "key-b");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await _events.ExpectAsync(1);
    }

    [Fact]
    public async Task An_idempotency_key_of_another_users_checkout_is_a_409()
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));
        await SaveBasketAsync("bob", ("p1", 1, 1m));
        await CheckoutAsync("ada", "shared-key");

        var response = await CheckoutAsync("bob", "shared-key");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/basket/bob")).StatusCode);
        await _events.ExpectAsync(1);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("é")]
    public async Task A_malformed_idempotency_key_is_a_400(string key)
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));
        var request = new HttpRequestMessage(HttpMethod.Post, "/basket/checkout") { Content = JsonContent.Create(ShopRequests.Checkout("ada")) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        // HttpClient sends only ASCII header values unless told otherwise; a hostile client is not so polite.
        using var anyBytes = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 }) { BaseAddress = Client.BaseAddress };
        anyBytes.DefaultRequestHeaders.Authorization = Client.DefaultRequestHeaders.Authorization;

        var response = await anyBytes.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await _events.ExpectAsync(0);
    }

    [Fact]
    public async Task The_card_number_is_in_no_response_no_event_and_no_log_line()
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));

        var accepted = await Client.PostAsJsonAsync("/basket/checkout", ShopRequests.Checkout("ada"));
        var rejected = await Client.PostAsync("/basket/checkout", new StringContent(
            $$"""{"userName":"ada","email":"bad","cardInfo":"{{ShopRequests.CardNumber}}"}""", Encoding.UTF8, "application/json"));
        var refused = await Client.PostAsync("/basket/checkout", new StringContent(
            $$"""{{{Named}},"paymentMethodId":"pm_card_visa","cardInfo":"{{ShopRequests.CardNumber}}"}""", Encoding.UTF8, "application/json"));
        var malformed = await Client.PostAsync("/basket/checkout", new StringContent(
            $$"""{"userName":"ada","cardInfo":"{{ShopRequests.CardNumber}}", """, Encoding.UTF8, "application/json"));

        Assert.DoesNotContain(ShopRequests.CardNumber, await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopRequests.CardNumber, await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopRequests.CardNumber, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopRequests.CardNumber, await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopRequests.CardNumber, Assert.Single(await _events.ExpectAsync(1)), StringComparison.Ordinal);
        Assert.NotEmpty(_service.Logs.Lines);
        Assert.DoesNotContain(_service.Logs.Lines, line => line.Contains(ShopRequests.CardNumber, StringComparison.Ordinal));
    }

    private static BasketService CreateService(LocalEdge edge)
    {
        var service = new BasketService(edge);
        service.Settings["Logging:LogLevel:Default"] = "Trace";
        return service;
    }

    private async Task SaveBasketAsync(string userName, params (string, int, decimal)[] items) =>
        (await PostBasketAsync(userName, items)).EnsureSuccessStatusCode();

    /// <summary>Saves ada's basket of one line at 1.00, then sends the raw checkout body.</summary>
    private async Task<HttpResponseMessage> CheckoutOfAdasBasketAsync(string body)
    {
        await SaveBasketAsync("ada", ("p1", 1, 1m));
        return await Client.PostAsync("/basket/checkout", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private async Task AssertNothingPublishedAndAdasBasketKeptAsync()
    {
        await _events.ExpectAsync(0);
        Assert.Equal(1m, (await Client.GetFromJsonAsync<BasketDto>("/basket/ada"))!.TotalPrice);
    }

    private Task<HttpResponseMessage> CheckoutAsync(string userName, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/basket/checkout") { Content = JsonContent.Create(ShopRequests.Checkout(userName)) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Client.SendAsync(request);
    }
}
