using System.Net;
using Ecommerce.Storefront.Shop;

namespace Ecommerce.Storefront.Tests;

/// <summary>The local payment element's provider call: Stripe's form encoding and publishable key, Stripe's errors in words.</summary>
public sealed class ProviderPaymentMethodsTests : IDisposable
{
    private static readonly CardDetails Card = new() { Number = "4242 4242 4242 4242", Expiry = "04/30", Cvc = "123" };

    private readonly CannedApi _provider = new();

    private ProviderPaymentMethods Provider(PaymentProviderSettings? settings = null) =>
        new(new HttpClient(_provider) { BaseAddress = new Uri("http://shop.test/") }, settings ?? new PaymentProviderSettings("/stripe", "pk_test_local"));

    public void Dispose() => _provider.Dispose();

    [Fact]
    public async Task The_card_is_posted_form_encoded_with_the_publishable_key_and_the_answer_is_the_payment_methods_id()
    {
        _provider.On("POST /stripe/v1/payment_methods", HttpStatusCode.OK, """{"id":"pm_123","object":"payment_method","card":{"brand":"visa","last4":"4242"}}""");

        var made = await Provider().CreateAsync(Card);

        Assert.Equal(new PaymentMethodResult("pm_123", null), made);
        var sent = Assert.Single(_provider.Sent);
        Assert.Equal("Bearer pk_test_local", sent.Headers["Authorization"]);
        Assert.Equal("type=card&card%5Bnumber%5D=4242424242424242&card%5Bexp_month%5D=4&card%5Bexp_year%5D=2030&card%5Bcvc%5D=123", sent.Body);
    }

    [Fact]
    public async Task A_card_error_answers_the_providers_message()
    {
        _provider.On("POST /stripe/v1/payment_methods", HttpStatusCode.PaymentRequired,
            """{"error":{"type":"card_error","code":"incorrect_number","message":"Your card number is incorrect.","param":"card[number]"}}""");

        var made = await Provider().CreateAsync(Card);

        Assert.Equal(PaymentMethodResult.Refused("Your card number is incorrect."), made);
    }

    [Fact]
    public async Task Any_other_failure_answers_the_shops_own_sentence()
    {
        _provider.On("POST /stripe/v1/payment_methods", HttpStatusCode.Unauthorized,
            """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: pk_test_***"}}""");

        var made = await Provider().CreateAsync(Card);

        Assert.Null(made.Id);
        Assert.Equal("The card could not be checked. Please try again in a moment.", made.Problem);
    }

    [Fact]
    public async Task Without_a_provider_in_config_json_nothing_is_sent_and_the_shopper_is_told()
    {
        var made = await Provider(new PaymentProviderSettings(null, null)).CreateAsync(Card);

        Assert.Equal(PaymentMethodResult.Refused(ProviderPaymentMethods.NotSetUp), made);
        Assert.Empty(_provider.Sent);
    }
}
