using System.Net;
using System.Text.Json;
using Ecommerce.Storefront.Pages;

namespace Ecommerce.Storefront.Tests;

public sealed class BasketPageTests : StorefrontTest
{
    private const string TwoLines = """
        {"userName":"ada","items":[
          {"productId":"p1","productName":"Aurora X","color":"Black","quantity":2,"price":449.99},
          {"productId":"p2","productName":"Case","color":null,"quantity":1,"price":19.50}],
         "totalPrice":919.48}
        """;

    public BasketPageTests() => SignIn("ada");

    [Fact]
    public void The_basket_shows_each_line_and_the_total_the_server_computed()
    {
        Api.On("GET /basket/ada", HttpStatusCode.OK, TwoLines);

        var page = Render<BasketPage>();

        page.WaitForAssertion(() => Assert.Equal("$919.48", page.Find("tfoot .total").TextContent));
        var rows = page.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Aurora X", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("$449.99", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("2", Field(page, "Quantity of Aurora X").GetAttribute("value"));
    }

    [Fact]
    public void A_shopper_with_no_basket_is_told_it_is_empty()
    {
        Api.OnProblem("GET /basket/ada", HttpStatusCode.NotFound, """{"title":"The basket was not found.","status":404}""");

        var page = Render<BasketPage>();

        page.WaitForAssertion(() => Assert.Contains("Your basket is empty.", page.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_quantity_sends_product_colour_and_quantity_only_and_shows_the_new_total()
    {
        Api.On("GET /basket/ada", HttpStatusCode.OK, TwoLines)
           .On("POST /basket", HttpStatusCode.OK, TwoLines.Replace("\"quantity\":2", "\"quantity\":3", StringComparison.Ordinal).Replace("919.48", "1369.47", StringComparison.Ordinal));
        var page = Render<BasketPage>();
        page.WaitForElement("tbody tr");

        Field(page, "Quantity of Aurora X").Change("3");

        page.WaitForAssertion(() => Assert.Equal("$1,369.47", page.Find("tfoot .total").TextContent));
        using var sent = JsonDocument.Parse(Api.SentTo("POST /basket").Single().Body!);
        Assert.Equal("ada", sent.RootElement.GetProperty("userName").GetString());
        var lines = sent.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["productId", "color", "quantity"], lines[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, lines[0].GetProperty("quantity").GetInt32());
        Assert.Equal(["productId", "quantity"], lines[1].EnumerateObject().Select(p => p.Name)); // no colour, none sent
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("")]
    public void A_quantity_outside_the_contract_is_explained_beside_its_field_and_not_sent(string quantity)
    {
        Api.On("GET /basket/ada", HttpStatusCode.OK, TwoLines);
        var page = Render<BasketPage>();
        page.WaitForElement("tbody tr");

        Field(page, "Quantity of Aurora X").Change(quantity);

        Assert.Equal("Choose a quantity from 1 to 1000.", MessageBeside(page, "Quantity of Aurora X"));
        Assert.Equal("true", Field(page, "Quantity of Aurora X").GetAttribute("aria-invalid"));
        Assert.Empty(Api.SentTo("POST /basket"));
    }

    [Fact]
    public void Removing_a_line_sends_the_basket_without_it()
    {
        Api.On("GET /basket/ada", HttpStatusCode.OK, TwoLines)
           .On("POST /basket", HttpStatusCode.OK, """{"userName":"ada","items":[{"productId":"p2","productName":"Case","quantity":1,"price":19.50}],"totalPrice":19.50}""");
        var page = Render<BasketPage>();
        page.WaitForElement("tbody tr");

        page.Find("button[aria-label='Remove Aurora X']").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        using var sent = JsonDocument.Parse(Api.SentTo("POST /basket").Single().Body!);
        Assert.Equal(["p2"], sent.RootElement.GetProperty("items").EnumerateArray().Select(line => line.GetProperty("productId").GetString()));
        Assert.Equal("$19.50", page.Find("tfoot .total").TextContent);
    }

    [Fact]
    public void A_product_deleted_from_the_catalogue_is_named_in_a_sentence()
    {
        Api.On("GET /basket/ada", HttpStatusCode.OK, TwoLines)
           .OnProblem("POST /basket", HttpStatusCode.BadRequest, """{"status":400,"errors":{"items[1].productId":["The product p2 is not in the catalogue."]}}""");
        var page = Render<BasketPage>();
        page.WaitForElement("tbody tr");

        Field(page, "Quantity of Aurora X").Change("3");

        page.WaitForAssertion(() => Assert.Equal(
            "Case is no longer sold. Remove it from your basket to go on.",
            page.Find("[role=alert]").TextContent));
        Assert.Equal("$919.48", page.Find("tfoot .total").TextContent); // the basket shown is still the saved one
    }
}
