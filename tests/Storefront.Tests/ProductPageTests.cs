using System.Net;
using System.Text.Json;
using Ecommerce.Storefront.Pages;
using Ecommerce.Storefront.Shop;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Storefront.Tests;

public sealed class ProductPageTests : StorefrontTest
{
    public ProductPageTests()
    {
        SignIn("ada");
        Api.On("GET /product/p1", HttpStatusCode.OK, """{"id":"p1","name":"Aurora X","price":499.99,"category":"Phones"}""");
    }

    [Theory]
    [InlineData(0, "Out of stock", true)]
    [InlineData(1, "Only 1 left", false)]
    [InlineData(50, "In stock", false)]
    public void The_page_says_how_much_is_left_and_an_empty_shelf_cannot_be_added(int available, string words, bool disabled)
    {
        Api.OnStock(("p1", available));

        var page = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));

        page.WaitForAssertion(() => Assert.Equal(words, page.Find(".stock").TextContent));
        Assert.Equal(disabled, page.Find("button:contains('Add to basket')").HasAttribute("disabled"));
    }

    [Fact]
    public void Adding_to_the_basket_keeps_the_lines_already_there_and_says_so()
    {
        Api.OnStock(("p1", 10));
        Api.On("GET /basket/ada", HttpStatusCode.OK, """{"userName":"ada","items":[{"productId":"p2","productName":"Case","quantity":1,"price":19.5}],"totalPrice":19.5}""")
           .On("POST /basket", HttpStatusCode.OK, """{"userName":"ada","items":[],"totalPrice":0}""");
        var page = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement("form");

        Field(page, "Quantity").Input("2");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Added to your basket.", page.Find("[role=status]").TextContent, StringComparison.Ordinal));
        using var sent = JsonDocument.Parse(Api.SentTo("POST /basket").Single().Body!);
        Assert.Equal(
            [("p2", 1), ("p1", 2)],
            sent.RootElement.GetProperty("items").EnumerateArray().Select(line => (line.GetProperty("productId").GetString(), line.GetProperty("quantity").GetInt32())));
    }

    [Fact]
    public void A_product_deleted_meanwhile_is_named_when_it_cannot_be_added()
    {
        Api.OnStock(("p1", 10));
        Api.OnProblem("GET /basket/ada", HttpStatusCode.NotFound, """{"status":404}""")
           .OnProblem("POST /basket", HttpStatusCode.BadRequest, """{"status":400,"errors":{"items[0].productId":["Not in the catalogue."]}}""");
        var page = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement("form");

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Aurora X is no longer sold.", page.Find("[role=alert]").TextContent));
    }

    [Fact]
    public void A_quantity_that_is_not_a_number_is_explained_and_not_sent()
    {
        Api.OnStock(("p1", 10));
        var page = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement("form");

        Field(page, "Quantity").Input("");
        page.Find("form").Submit();

        Assert.Equal("Choose a quantity from 1 to 1000.", MessageBeside(page, "Quantity"));
        Assert.DoesNotContain(Api.Sent, request => request.Call.Contains("/basket", StringComparison.Ordinal));
    }

    [Fact]
    public void Signed_out_the_add_waits_in_the_tab_while_the_shopper_signs_in()
    {
        using var visitor = new ProductPageVisitorTest();
        visitor.Api.On("GET /product/p1", HttpStatusCode.OK, """{"id":"p1","name":"Aurora X","price":499.99,"category":"Phones"}""").OnStock(("p1", 10));
        var page = visitor.RenderProduct();
        page.WaitForElement("form");

        Field(page, "Quantity").Input("2");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["shop.pendingAdd", "2|p1"], visitor.JSInterop.VerifyInvoke("sessionStorage.setItem").Arguments));
        Assert.Contains("authentication/login", visitor.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor.Api.Sent, request => request.Call.Contains("/basket", StringComparison.Ordinal));
    }

    [Fact]
    public void Back_from_signing_in_the_waiting_add_is_made_once_and_forgotten()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", "shop.pendingAdd").SetResult("2|p1");
        Api.OnStock(("p1", 10));
        Api.OnProblem("GET /basket/ada", HttpStatusCode.NotFound, """{"status":404}""")
           .On("POST /basket", HttpStatusCode.OK, """{"userName":"ada","items":[],"totalPrice":0}""");

        var page = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));

        page.WaitForAssertion(() => Assert.Contains("Added to your basket.", page.Find("[role=status]").TextContent, StringComparison.Ordinal));
        using var sent = JsonDocument.Parse(Api.SentTo("POST /basket").Single().Body!);
        Assert.Equal(2, sent.RootElement.GetProperty("items")[0].GetProperty("quantity").GetInt32());
        JSInterop.VerifyInvoke("sessionStorage.removeItem");
    }

    [Fact]
    public void A_waiting_add_for_another_product_is_dropped_and_not_made_here()
    {
        JSInterop.Setup<string?>("sessionStorage.getItem", "shop.pendingAdd").SetResult("2|p9");
        Api.OnStock(("p1", 10));

        var page = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));

        page.WaitForAssertion(() => JSInterop.VerifyInvoke("sessionStorage.removeItem"));
        Assert.DoesNotContain(Api.Sent, request => request.Call.Contains("/basket", StringComparison.Ordinal));
    }

    /// <summary>The same page for a visitor who is not signed in.</summary>
    private sealed class ProductPageVisitorTest : StorefrontTest
    {
        public new CannedApi Api => base.Api;

        public IRenderedComponent<ProductPage> RenderProduct() => Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));
    }
}
