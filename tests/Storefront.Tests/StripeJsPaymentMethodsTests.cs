using System.Net;
using System.Text.Json;
using Ecommerce.Storefront.Pages;
using Ecommerce.Storefront.Shop;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Ecommerce.Storefront.Tests;

/// <summary>Checkout with Stripe.js's Payment Element, as in AWS: Stripe draws the card's fields and makes the payment method.</summary>
public sealed class StripeJsPaymentMethodsTests : StorefrontTest
{
    private readonly BunitJSModuleInterop _stripe;

    public StripeJsPaymentMethodsTests()
    {
        SignIn("ada");
        Services.AddSingleton<IPaymentMethods>(provider =>
            new StripeJsPaymentMethods(provider.GetRequiredService<IJSRuntime>(), new PaymentProviderSettings(null, "pk_test_shop", StripeJs: true)));
        Api.On("GET /basket/ada", HttpStatusCode.OK, """{"userName":"ada","items":[{"productId":"p1","productName":"Aurora X","quantity":2,"price":449.99}],"totalPrice":899.98}""")
           .On("POST /basket/checkout", HttpStatusCode.Accepted, """{"checkoutId":"c-1","userName":"ada","totalPrice":899.98}""");
        _stripe = JSInterop.SetupModule("./js/stripe-payment-element.js");
        _stripe.SetupVoid("mount", _ => true).SetVoidResult();
    }

    [Fact]
    public void The_payment_element_is_drawn_for_the_baskets_total_in_cents_and_the_shop_gets_only_stripes_payment_method_id()
    {
        _stripe.Setup<string?[]>("createPaymentMethod").SetResult(["pm_1StripeMade", null]);
        var page = Render<CheckoutPage>();

        page.WaitForAssertion(() => _stripe.VerifyInvoke("mount"));
        var mount = _stripe.VerifyInvoke("mount");
        Assert.Equal(("pk_test_shop", 89998L), (mount.Arguments[1], mount.Arguments[2]));
        Assert.Empty(page.FindAll("#cardNumber")); // no card field of the shop's own
        FillInDetails(page);
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Thank you!", page.Markup, StringComparison.Ordinal));
        using var body = JsonDocument.Parse(Api.SentTo("POST /basket/checkout").Single().Body!);
        Assert.Equal("pm_1StripeMade", body.RootElement.GetProperty("paymentMethodId").GetString());
    }

    [Fact]
    public void Stripes_words_for_a_card_it_refuses_are_shown_and_nothing_is_sent_to_the_shop()
    {
        _stripe.Setup<string?[]>("createPaymentMethod").SetResult([null, "Your card's security code is incomplete."]);
        var page = Render<CheckoutPage>();
        page.WaitForAssertion(() => _stripe.VerifyInvoke("mount"));
        FillInDetails(page);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Your card's security code is incomplete.", page.Find("p[role=alert]").TextContent));
        Assert.Empty(Api.SentTo("POST /basket/checkout"));
    }

    private static void FillInDetails(IRenderedComponent<CheckoutPage> page)
    {
        Field(page, "First name").Change("Ada");
        Field(page, "Last name").Change("Lovelace");
        Field(page, "Email").Change("ada@example.com");
        Field(page, "Address").Change("12 St James Square, London");
    }
}
