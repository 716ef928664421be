using System.Net;
using Ecommerce.Storefront.Pages;

namespace Ecommerce.Storefront.Tests;

public sealed class ProductEditorTests : StorefrontTest
{
    private const string Product = """{"id":"p1","name":"Aurora X","price":499.99,"category":"Phones"}""";

    public ProductEditorTests()
    {
        SignIn("grace", admin: true);
        Api.On("GET /inventory/p1", HttpStatusCode.OK, """{"productId":"p1","onHand":10,"reserved":0,"available":10,"version":1}""");
    }

    [Fact]
    public void A_price_that_is_not_a_number_is_explained_beside_it_and_nothing_is_sent()
    {
        Api.On("GET /product/p1", HttpStatusCode.OK, Product);
        var page = Render<ProductEditor>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement("form");

        Field(page, "Price").Change("twelve");
        page.Find("form").Submit();

        Assert.Equal("Enter the price as a number, such as 19.99.", MessageBeside(page, "Price"));
        Assert.Empty(Api.SentTo("PUT /product/p1"));
    }

    [Fact]
    public void A_change_is_sent_with_the_etag_it_was_read_with_and_a_412_says_someone_else_changed_it()
    {
        Api.On("GET /product/p1", HttpStatusCode.OK, Product, etag: "\"3\"")
           .OnProblem("PUT /product/p1", HttpStatusCode.PreconditionFailed, """{"title":"The resource has changed since it was read.","status":412}""");
        var page = Render<ProductEditor>(parameters => parameters.Add(p => p.Id, "p1"));
        page.WaitForElement("form");

        Field(page, "Price").Change("449.99");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(
            "Someone changed this product while you were editing it. Reload it to see their changes, then edit again.",
            page.Find("p[role=alert]").TextContent));
        var sent = Api.SentTo("PUT /product/p1").Single();
        Assert.Equal("\"3\"", sent.Headers["If-Match"]);
        Assert.Contains("\"price\":449.99", sent.Body, StringComparison.Ordinal);
    }
}
