using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The provider on the wire, as Stripe's API reference states it: form encoding, keys, the error shape.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class StripeWireTests(LocalEdge edge)
{
    private readonly PaymentProvider _provider = new(edge);

    [Fact]
    public async Task Nested_form_fields_are_read_as_stripe_nests_them_and_objects_come_back_in_stripes_shape()
    {
        var method = await PostAsync("/v1/payment_methods", PaymentProvider.PublishableKey,
            ("type", "card"), ("card[number]", "5555555555554444"), ("card[exp_month]", "4"), ("card[exp_year]", $"{DateTime.UtcNow.Year + 1}"), ("card[cvc]", "314"));
        var intent = await PostAsync("/v1/payment_intents", PaymentProvider.SecretKey,
            ("amount", "1250"), ("currency", "USD"), ("payment_method", (string)method.Body["id"]!), ("capture_method", "manual"), ("confirm", "true"), ("metadata[orderId]", "o-7"));

        Assert.Equal(HttpStatusCode.OK, method.Status);
        Assert.Equal(("payment_method", "mastercard", "4444", 4), ((string?)method.Body["object"], (string?)method.Body["card"]!["brand"], (string?)method.Body["card"]!["last4"], (int)method.Body["card"]!["exp_month"]!));
        Assert.DoesNotContain("5555555555554444", method.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, intent.Status);
        Assert.Equal(("payment_intent", "requires_capture", "usd", 1250L), ((string?)intent.Body["object"], (string?)intent.Body["status"], (string?)intent.Body["currency"], (long)intent.Body["amount_capturable"]!));
        Assert.Equal(method.Body["id"]!.GetValue<string>(), (string?)intent.Body["payment_method"]);
        Assert.Equal("o-7", (string?)intent.Body["metadata"]!["orderId"]);
    }

    [Fact]
    public async Task A_number_failing_the_luhn_check_is_a_402_incorrect_number_in_stripes_error_shape()
    {
        var answer = await PostAsync("/v1/payment_methods", PaymentProvider.PublishableKey,
            ("type", "card"), ("card[number]", "4242424242424241"), ("card[exp_month]", "12"), ("card[exp_year]", $"{DateTime.UtcNow.Year + 1}"));

        Assert.Equal(HttpStatusCode.PaymentRequired, answer.Status);
        Assert.Equal(("card_error", "incorrect_number"), ((string?)answer.Body["error"]!["type"], (string?)answer.Body["error"]!["code"]));
        Assert.NotNull(answer.Body["error"]!["message"]);
    }

    [Fact]
    public async Task Without_a_key_a_call_is_a_401_and_curls_basic_auth_is_taken_as_stripe_takes_it()
    {
        var none = await PostAsync("/v1/payment_intents", null, ("amount", "1000"), ("currency", "usd"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{_provider.ApiBase}/v1/payment_intents/pi_missing"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PaymentProvider.SecretKey}:")));
        using var basic = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, none.Status);
        Assert.Equal("invalid_request_error", (string?)none.Body["error"]!["type"]);
        Assert.Equal(HttpStatusCode.NotFound, basic.StatusCode);
        Assert.Equal("resource_missing", (string?)JsonNode.Parse(await basic.Content.ReadAsStringAsync())!["error"]!["code"]);
    }

    [Fact]
    public async Task A_request_refused_for_its_parameters_is_not_saved_under_its_key()
    {
        var key = Clients.Unique("key");
        var unknown = await PostAsync("/v1/payment_intents", PaymentProvider.SecretKey, key, ("amount", "1000"), ("currency", "usd"), ("description", "x"));
        var missing = await PostAsync("/v1/payment_intents", PaymentProvider.SecretKey, key, ("currency", "usd"));
        var made = await PostAsync("/v1/payment_intents", PaymentProvider.SecretKey, key, ("amount", "1000"), ("currency", "usd"));

        Assert.Equal((HttpStatusCode.BadRequest, "parameter_unknown", "description"), (unknown.Status, (string?)unknown.Body["error"]!["code"], (string?)unknown.Body["error"]!["param"]));
        Assert.Equal((HttpStatusCode.BadRequest, "parameter_missing"), (missing.Status, (string?)missing.Body["error"]!["code"]));
        Assert.Equal((HttpStatusCode.OK, "requires_payment_method"), (made.Status, (string?)made.Body["status"]));
    }

    [Fact]
    public async Task The_admin_api_lists_payment_intents_by_their_metadata_newest_first()
    {
        var orderId = Clients.Unique("order");
        var first = await PostAsync("/v1/payment_intents", PaymentProvider.SecretKey, ("amount", "1000"), ("currency", "usd"), ("metadata[orderId]", orderId));
        var second = await PostAsync("/v1/payment_intents", PaymentProvider.SecretKey, ("amount", "2000"), ("currency", "usd"), ("metadata[orderId]", orderId));

        var listed = await _provider.IntentsOfOrderAsync(orderId);

        Assert.Equal([(string?)second.Body["id"], (string?)first.Body["id"]], listed.Select(intent => (string?)intent!["id"]));
    }

    private Task<RawAnswer> PostAsync(string path, string? key, params (string Name, string Value)[] fields) => PostAsync(path, key, null, fields);

    private async Task<RawAnswer> PostAsync(string path, string? key, string? idempotencyKey, params (string Name, string Value)[] fields)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_provider.ApiBase + path))
        {
            Content = new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return new RawAnswer(response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, headers);
    }
}
