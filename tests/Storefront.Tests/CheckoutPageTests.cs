using System.Net;
using System.Text.Json;
using Ecommerce.Contracts;
using Ecommerce.Storefront.Pages;
using Ecommerce.Storefront.Shop;

namespace Ecommerce.Storefront.Tests;

public sealed class CheckoutPageTests : StorefrontTest
{
    private const string Accepted = """{"checkoutId":"c-1","userName":"ada","totalPrice":899.98}""";

    public CheckoutPageTests()
    {
        SignIn("ada");
        Api.On("GET /basket/ada", HttpStatusCode.OK, """{"userName":"ada","items":[{"productId":"p1","productName":"Aurora X","quantity":2,"price":449.99}],"totalPrice":899.98}""");
    }

    [Fact]
    public void Every_field_of_the_checkout_form_has_a_label_and_the_card_fields_autocomplete_as_a_card()
    {
        var page = Render<CheckoutPage>();

        foreach (var label in new[] { "First name", "Last name", "Email", "Address", "Card number", "Expiry date (MM/YY)", "Security code" })
        {
            Field(page, label);
        }

        Assert.All(page.FindAll("input, select, textarea"), field =>
            Assert.Single(page.FindAll($"label[for='{field.Id}']")));
        Assert.Equal(("cc-number", "cc-exp", "cc-csc"), (
            Field(page, "Card number").GetAttribute("autocomplete"),
            Field(page, "Expiry date (MM/YY)").GetAttribute("autocomplete"),
            Field(page, "Security code").GetAttribute("autocomplete")));
    }

    [Fact]
    public void An_empty_form_is_explained_field_by_field_and_nothing_is_sent()
    {
        var page = Render<CheckoutPage>();

        page.Find("form").Submit();

        Assert.Equal("The First name field is required.", MessageBeside(page, "First name"));
        Assert.Equal("The Last name field is required.", MessageBeside(page, "Last name"));
        Assert.Equal("The Email field is required.", MessageBeside(page, "Email"));
        Assert.Equal("The Address field is required.", MessageBeside(page, "Address"));
        Assert.Equal("The Card number field is required.", MessageBeside(page, "Card number"));
        Assert.Equal("Enter the expiry date as on the card, MM/YY.", MessageBeside(page, "Expiry date (MM/YY)"));
        Assert.Equal("Enter the 3 or 4 digit security code from the card.", MessageBeside(page, "Security code"));
        Assert.Equal("true", Field(page, "Email").GetAttribute("aria-invalid"));
        Assert.Empty(Payments.Cards);
        Assert.Empty(Api.SentTo("POST /basket/checkout"));
    }

    [Fact]
    public void The_form_checks_the_contracts_limits_before_sending()
    {
        var page = Render<CheckoutPage>();
        FillIn(page);
        Field(page, "First name").Change(new string('A', Limits.FirstName + 1));
        Field(page, "Email").Change("not an address");
        Field(page, "Card number").Change("4111 1111 abcd");

        page.Find("form").Submit();

        Assert.Contains($"maximum length of {Limits.FirstName}", MessageBeside(page, "First name"), StringComparison.Ordinal);
        Assert.Contains("not a valid e-mail address", MessageBeside(page, "Email"), StringComparison.Ordinal);
        Assert.Contains("12 to 19 digits", MessageBeside(page, "Card number"), StringComparison.Ordinal);
        Assert.Equal("", MessageBeside(page, "Last name"));
        Assert.Empty(Payments.Cards);
        Assert.Empty(Api.SentTo("POST /basket/checkout"));
    }

    [Fact]
    public void A_valid_checkout_gives_the_card_to_the_provider_and_the_shop_only_its_payment_method_id()
    {
        Api.On("POST /basket/checkout", HttpStatusCode.Accepted, Accepted);
        var page = Render<CheckoutPage>();
        FillIn(page);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Thank you!", page.Markup, StringComparison.Ordinal));
        Assert.Contains("c-1", page.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(("4111111111111111", (4, 2030), "123"), Assert.Single(Payments.Cards));
        var sent = Api.SentTo("POST /basket/checkout").Single();
        Assert.True(Guid.TryParse(sent.Headers["Idempotency-Key"], out _));
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("ada", body.RootElement.GetProperty("userName").GetString());
        Assert.Equal("pm_test_1", body.RootElement.GetProperty("paymentMethodId").GetString());
        Assert.Equal(
            ["address", "email", "firstName", "lastName", "paymentMethodId", "userName"],
            body.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(Api.Sent, request => Assert.DoesNotContain("4111", request.Body ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_card_the_provider_refuses_is_explained_in_its_words_and_nothing_is_sent_to_the_shop()
    {
        Payments.Answer(PaymentMethodResult.Refused("Your card number is incorrect."), new PaymentMethodResult("pm_test_2", null));
        Api.On("POST /basket/checkout", HttpStatusCode.Accepted, Accepted);
        var page = Render<CheckoutPage>();
        FillIn(page);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Your card number is incorrect.", page.Find("p[role=alert]").TextContent));
        Assert.Equal("Place order", page.Find("button[type=submit]").TextContent);
        Assert.Empty(Api.SentTo("POST /basket/checkout"));
        Assert.DoesNotContain(Api.Sent, request => request.Call.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Contains("Change your basket", page.Markup, StringComparison.Ordinal);

        Field(page, "Card number").Change("4242 4242 4242 4242");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Thank you!", page.Markup, StringComparison.Ordinal));
        Assert.Equal("4242424242424242", Payments.Cards[^1].Digits);
        using var body = JsonDocument.Parse(Api.SentTo("POST /basket/checkout").Single().Body!);
        Assert.Equal("pm_test_2", body.RootElement.GetProperty("paymentMethodId").GetString());
    }

    [Fact]
    public void A_card_declined_after_checkout_is_told_in_plain_words_the_basket_is_put_back_and_another_card_is_a_new_checkout()
    {
        var declined = OrderTests.OrderJson("Cancelled", "PaymentDeclined", id: "c-1").Replace("\"declineCode\":null", "\"declineCode\":\"insufficient_funds\"", StringComparison.Ordinal);
        Api.OnProblem("GET /basket/ada", HttpStatusCode.NotFound, """{"status":404}""") // the checkout took the basket
           .On("POST /basket/checkout", HttpStatusCode.Accepted, Accepted)
           .On("GET /order/ada/c-1", HttpStatusCode.OK, declined)
           .On("POST /basket", HttpStatusCode.OK, """{"userName":"ada","items":[{"productId":"p1","productName":"Aurora X","quantity":1,"price":499},{"productId":"p2","productName":"Nimbus 5","color":"Blue","quantity":1,"price":129.5}],"totalPrice":628.5}""");
        var page = Render<CheckoutPage>();
        FillIn(page);

        page.Find("form").Submit();

        page.WaitForAssertion(
            () => Assert.Equal("Your card was declined: it does not have enough funds. Nothing was charged and your basket is as it was: try another card.", page.Find("p[role=alert]").TextContent),
            TimeSpan.FromSeconds(10));
        using (var restored = JsonDocument.Parse(Api.SentTo("POST /basket").Single().Body!))
        {
            Assert.Equal(
                [("p1", null, 1), ("p2", "Blue", 1)],
                restored.RootElement.GetProperty("items").EnumerateArray().Select(line =>
                    (line.GetProperty("productId").GetString(), line.TryGetProperty("color", out var color) ? color.GetString() : null, line.GetProperty("quantity").GetInt32())));
        }

        Assert.Contains("2 items for", page.Markup, StringComparison.Ordinal);
        Assert.Equal("Ada", Field(page, "First name").GetAttribute("value")); // the details stay; the card is typed afresh
        Field(page, "Card number").Change("4242 4242 4242 4242");
        Field(page, "Expiry date (MM/YY)").Change("04/30");
        Field(page, "Security code").Change("123");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, Api.SentTo("POST /basket/checkout").Count()));
        var keys = Api.SentTo("POST /basket/checkout").Select(sent => sent.Headers["Idempotency-Key"]).ToList();
        Assert.NotEqual(keys[0], keys[1]);
        Assert.Equal(2, Payments.Cards.Count);
    }

    [Fact]
    public void After_a_503_the_shopper_may_try_again_and_the_retry_carries_the_same_idempotency_key()
    {
        Api.OnProblem("POST /basket/checkout", HttpStatusCode.ServiceUnavailable, """{"title":"The checkout event was not published.","status":503}""", retryAfter: "1")
           .On("POST /basket/checkout", HttpStatusCode.Accepted, Accepted);
        var page = Render<CheckoutPage>();
        FillIn(page);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(
            "We could not place your order just now. Your basket is kept: try again, and your order will be placed only once.",
            page.Find("p[role=alert]").TextContent));
        Assert.Equal("Try again", page.Find("button[type=submit]").TextContent);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Thank you!", page.Markup, StringComparison.Ordinal));
        var sent = Api.SentTo("POST /basket/checkout").ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Headers["Idempotency-Key"], sent[1].Headers["Idempotency-Key"]);
        Assert.Single(Payments.Cards); // the same payment method, made once
    }

    [Fact]
    public void A_409_says_the_basket_is_empty_or_holds_a_product_no_longer_sold()
    {
        Api.OnProblem("POST /basket/checkout", HttpStatusCode.Conflict, """{"title":"The basket is empty.","status":409}""");
        var page = Render<CheckoutPage>();
        FillIn(page);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(
            "Your basket is empty, or a product in it is no longer sold. Check your basket, then try again.",
            page.Find("p[role=alert]").TextContent));
        Assert.Equal("Place order", page.Find("button[type=submit]").TextContent);
    }

    [Fact]
    public void The_servers_field_messages_appear_beside_their_fields()
    {
        Api.OnProblem("POST /basket/checkout", HttpStatusCode.BadRequest,
            """{"title":"One or more validation errors occurred.","status":400,"errors":{"email":["The Email field is not a valid e-mail address."]}}""");
        var page = Render<CheckoutPage>();
        FillIn(page);

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("The Email field is not a valid e-mail address.", MessageBeside(page, "Email")));
        Assert.Equal("", MessageBeside(page, "First name"));
        Assert.Equal("Some details need another look: see the messages beside them.", page.Find("p[role=alert]").TextContent);
    }

    [Fact]
    public void Correcting_a_field_takes_its_message_away()
    {
        var page = Render<CheckoutPage>();
        page.Find("form").Submit();
        Assert.NotEqual("", MessageBeside(page, "First name"));

        Field(page, "First name").Change("Ada");

        Assert.Equal("", MessageBeside(page, "First name"));
        Assert.NotEqual("", MessageBeside(page, "Last name"));
    }

    private static void FillIn(IRenderedComponent<CheckoutPage> page)
    {
        Field(page, "First name").Change("Ada");
        Field(page, "Last name").Change("Lovelace");
        Field(page, "Email").Change("ada@example.com");
        Field(page, "Address").Change("12 St James Square, London");
        Field(page, "Card number").Change("4111 1111 1111 1111");
        Field(page, "Expiry date (MM/YY)").Change("04/30");
        Field(page, "Security code").Change("123");
    }
}
