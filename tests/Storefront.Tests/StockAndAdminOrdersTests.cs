using System.Net;
using Ecommerce.Storefront.Pages;

namespace Ecommerce.Storefront.Tests;

/// <summary>What an admin does with stock and orders: set a product's units on hand, ship and cancel orders.</summary>
public sealed class StockAndAdminOrdersTests : StorefrontTest
{
    private const string Stock = """{"productId":"p1","onHand":10,"reserved":3,"available":7,"version":4}""";

    public StockAndAdminOrdersTests()
    {
        SignIn("grace", admin: true);
        Api.On("GET /product/p1", HttpStatusCode.OK, """{"id":"p1","name":"Aurora X","price":499.99,"category":"Phones"}""", etag: "\"2\"");
    }

    [Fact]
    public void The_edit_page_shows_on_hand_reserved_and_available_and_sets_the_stock_with_the_etag_it_read()
    {
        Api.On("GET /inventory/p1", HttpStatusCode.OK, Stock, etag: "\"4\"")
           .On("PUT /inventory/p1", HttpStatusCode.OK, """{"productId":"p1","onHand":25,"reserved":3,"available":22,"version":5}""", etag: "\"5\"");
        var page = Render<ProductEditor>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement(".stock-figures");
        Assert.Equal(["10", "3", "7"], page.FindAll(".stock-figures dd").Select(dd => dd.TextContent));

        Field(page, "Units on hand").Change("25");
        page.Find(".stock-editor form").Submit();

        page.WaitForAssertion(() => Assert.Equal("Stock set: 22 available.", page.Find(".stock-editor [role=status]").TextContent));
        var sent = Api.SentTo("PUT /inventory/p1").Single();
        Assert.Equal("\"4\"", sent.Headers["If-Match"]);
        Assert.Equal("""{"onHand":25}""", sent.Body);
    }

    [Fact]
    public void Fewer_units_than_are_reserved_is_explained_and_a_count_that_is_not_whole_is_not_sent()
    {
        Api.On("GET /inventory/p1", HttpStatusCode.OK, Stock, etag: "\"4\"")
           .OnProblem("PUT /inventory/p1", HttpStatusCode.Conflict, """{"status":409}""");
        var page = Render<ProductEditor>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement(".stock-figures");

        Field(page, "Units on hand").Change("2.5");
        page.Find(".stock-editor form").Submit();
        Assert.Equal("Enter a whole number of units from 0 to 1,000,000.", MessageBeside(page, "Units on hand"));
        Assert.Empty(Api.SentTo("PUT /inventory/p1"));

        Field(page, "Units on hand").Change("2");
        page.Find(".stock-editor form").Submit();

        page.WaitForAssertion(() => Assert.Equal("That is fewer than the 3 units reserved by orders not yet shipped.", page.Find(".stock-editor [role=alert]").TextContent));
    }

    [Fact]
    public void A_412_shows_the_stock_as_it_is_now_and_the_next_try_carries_its_new_etag()
    {
        Api.On("GET /inventory/p1", HttpStatusCode.OK, Stock, etag: "\"4\"")
           .On("GET /inventory/p1", HttpStatusCode.OK, """{"productId":"p1","onHand":10,"reserved":5,"available":5,"version":6}""", etag: "\"6\"")
           .OnProblem("PUT /inventory/p1", HttpStatusCode.PreconditionFailed, """{"status":412}""");
        var page = Render<ProductEditor>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement(".stock-figures");

        Field(page, "Units on hand").Change("12");
        page.Find(".stock-editor form").Submit();

        page.WaitForAssertion(() => Assert.Equal(["10", "5", "5"], page.FindAll(".stock-figures dd").Select(dd => dd.TextContent)));
        Assert.StartsWith("The stock changed while you were looking at it.", page.Find(".stock-editor [role=alert]").TextContent, StringComparison.Ordinal);
        page.Find(".stock-editor form").Submit();
        page.WaitForAssertion(() => Assert.Equal("\"6\"", Api.SentTo("PUT /inventory/p1").Last().Headers["If-Match"]));
    }

    [Fact]
    public void The_orders_page_filters_by_status_and_ships_a_confirmed_order()
    {
        var confirmed = OrderTests.OrderJson("Confirmed", userName: "ada");
        Api.On("GET /order?limit=12", HttpStatusCode.OK, $$"""{"items":[{{confirmed}},{{OrderTests.OrderJson("Shipped", id: "o-2")}}],"nextToken":null}""")
           .On("GET /order?limit=12&status=Confirmed", HttpStatusCode.OK, $$"""{"items":[{{confirmed}}],"nextToken":null}""")
           .On("POST /order/ada/0d3b7a52-8f8a-4bb0-9c2e-3f1f5b7f0a11/ship", HttpStatusCode.OK, OrderTests.OrderJson("Shipped"));
        var page = Render<AdminOrdersPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("article.order").Count));
        Assert.Single(page.FindAll("button:contains('Ship order')")); // only the Confirmed one
        Assert.Single(page.FindAll("button:contains('Cancel order')")); // not the Shipped one

        page.Find("select#status").Change("Confirmed");
        page.Find("form.filter").Submit();
        page.WaitForAssertion(() => Assert.Equal("Every order: Confirmed", page.Find("h1").TextContent));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("article.order")));

        page.Find("button:contains('Ship order')").Click();

        page.WaitForAssertion(() => Assert.Equal("Shipped", page.Find(".order-state .status").TextContent));
        Assert.Empty(page.FindAll("button:contains('Ship order')"));
        Assert.Single(Api.SentTo("POST /order/ada/0d3b7a52-8f8a-4bb0-9c2e-3f1f5b7f0a11/ship"));
    }
}
