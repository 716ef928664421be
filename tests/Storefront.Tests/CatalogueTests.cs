using System.Net;
using Ecommerce.Storefront.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Storefront.Tests;

public sealed class CatalogueTests : StorefrontTest
{
    private static string PageOf(string name, string? nextToken) =>
        $$"""{"items":[{"id":"{{name}}","name":"{{name}}","price":1.5,"category":"Phones"}],"nextToken":{{(nextToken is null ? "null" : $"\"{nextToken}\"")}}}""";

    [Fact]
    public void The_next_page_is_asked_for_with_the_token_of_this_one_and_the_previous_page_without()
    {
        Api.On("GET /product?limit=12", HttpStatusCode.OK, PageOf("First", "t1"))
           .On("GET /product?limit=12&nextToken=t1", HttpStatusCode.OK, PageOf("Second", null))
           .OnStock(("First", 10)).OnStock(("Second", 10));
        var page = Render<Catalogue>();
        page.WaitForAssertion(() => Assert.Equal("First", page.Find(".products .name").TextContent));
        Assert.True(page.Find("button:contains('Previous page')").HasAttribute("disabled"));

        page.Find("button:contains('Next page')").Click();

        page.WaitForAssertion(() => Assert.Equal("Second", page.Find(".products .name").TextContent));
        Assert.Equal("Page 2", page.Find(".pager span").TextContent);
        Assert.True(page.Find("button:contains('Next page')").HasAttribute("disabled"));

        page.Find("button:contains('Previous page')").Click();

        page.WaitForAssertion(() => Assert.Equal("First", page.Find(".products .name").TextContent));
        Assert.Equal(2, Api.SentTo("GET /product?limit=12").Count());
    }

    [Fact]
    public void Filtering_by_category_puts_the_category_in_the_address_and_asks_for_that_category()
    {
        Api.On("GET /product?limit=12", HttpStatusCode.OK, PageOf("Any", null))
           .On("GET /product?limit=12&category=Phones%20%26%20more", HttpStatusCode.OK, PageOf("Phone", null))
           .OnStock(("Any", 10)).OnStock(("Phone", 10));
        var page = Render<Catalogue>();
        page.WaitForElement(".products");

        Field(page, "Category").Input("Phones & more");
        page.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        Assert.Equal("Phones & more", Uri.UnescapeDataString(new Uri(navigation.Uri).Query.Split("category=")[1]));
        page.WaitForAssertion(() => Assert.Equal("Phone", page.Find(".products .name").TextContent));
        Assert.Equal("Catalogue: Phones & more", page.Find("h1").TextContent);
    }

    [Fact]
    public void A_shop_that_cannot_be_reached_says_so_and_offers_to_try_again()
    {
        Api.OnProblem("GET /product?limit=12", HttpStatusCode.ServiceUnavailable, """{"title":"Service unavailable","status":503}""", retryAfter: "1")
           .On("GET /product?limit=12", HttpStatusCode.OK, PageOf("Back", null))
           .OnStock(("Back", 10));
        var page = Render<Catalogue>();

        page.WaitForAssertion(() => Assert.Equal("The shop is busy just now. Please try again in a moment.", page.Find("[role=alert]").TextContent));
        page.Find("button:contains('Try again')").Click();

        page.WaitForAssertion(() => Assert.Equal("Back", page.Find(".products .name").TextContent));
    }

    [Fact]
    public void One_availability_read_tells_each_product_in_stock_only_a_few_left_or_out_of_stock_and_a_picture_or_a_placeholder()
    {
        Api.On("GET /product?limit=12", HttpStatusCode.OK, """
            {"items":[
              {"id":"a","name":"Plenty","price":1,"category":"Phones","imageFile":"plenty.svg"},
              {"id":"b","name":"Few","price":1,"category":"Phones","imageFile":"../secret.svg"},
              {"id":"c","name":"None","price":1,"category":"Phones"},
              {"id":"d","name":"Unstocked","price":1,"category":"Phones"}],"nextToken":null}
            """)
           .On("GET /inventory?productIds=a,b,c,d", HttpStatusCode.OK, """{"items":[{"productId":"a","available":6},{"productId":"b","available":5},{"productId":"c","available":0}]}""");

        var page = Render<Catalogue>();

        page.WaitForAssertion(() => Assert.Equal(["In stock", "Only 5 left", "Out of stock", "Out of stock"], page.FindAll(".products .stock").Select(s => s.TextContent)));
        Assert.Single(Api.Sent, request => request.Call.StartsWith("GET /inventory", StringComparison.Ordinal));
        Assert.Equal("images/plenty.svg", page.Find(".products img").GetAttribute("src"));
        Assert.Equal(3, page.FindAll(".products .placeholder").Count); // a path is not a file name: no picture, never a broken one
    }

    [Fact]
    public void A_picture_that_will_not_load_gives_way_to_the_placeholder()
    {
        Api.On("GET /product?limit=12", HttpStatusCode.OK, """{"items":[{"id":"a","name":"Gone","price":1,"category":"Phones","imageFile":"gone.webp"}],"nextToken":null}""")
           .OnStock(("a", 1));
        var page = Render<Catalogue>();
        page.WaitForElement(".products img");

        page.Find(".products img").TriggerEvent("onerror", new Microsoft.AspNetCore.Components.Web.ErrorEventArgs());

        Assert.Empty(page.FindAll(".products img"));
        Assert.Single(page.FindAll(".products .placeholder"));
    }
}
