using System.Net;
using Ecommerce.Storefront.Layout;
using Ecommerce.Storefront.Pages;

namespace Ecommerce.Storefront.Tests;

public sealed class AdminLinksTests : StorefrontTest
{
    private const string Product = """{"id":"p1","name":"Aurora X","description":"A phone","imageFile":null,"price":499.99,"category":"Phones"}""";

    public AdminLinksTests() => Api.On("GET /product/p1", HttpStatusCode.OK, Product).OnStock(("p1", 10));

    [Fact]
    public void An_admin_sees_the_links_to_add_and_edit_products()
    {
        SignIn("grace", admin: true);

        var layout = Render<MainLayout>();
        var product = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));

        Assert.Contains(layout.FindAll("nav a"), link => link.TextContent == "Add a product" && link.GetAttribute("href") == "catalogue/new");
        product.WaitForAssertion(() => Assert.Equal("catalogue/p1/edit", product.Find("a:contains('Edit this product')").GetAttribute("href")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_shopper_or_a_visitor_sees_no_link_to_change_the_catalogue(bool signedIn)
    {
        if (signedIn)
        {
            SignIn("ada");
        }

        var layout = Render<MainLayout>();
        var product = Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1"));

        product.WaitForAssertion(() => Assert.Equal("Aurora X", product.Find("h1").TextContent));
        Assert.DoesNotContain(layout.FindAll("a"), link => link.TextContent == "Add a product");
        Assert.Empty(product.FindAll("a:contains('Edit this product')"));
    }

    [Fact]
    public void A_signed_in_shopper_sees_their_name_and_a_way_to_sign_out()
    {
        SignIn("ada");

        var layout = Render<MainLayout>();

        Assert.Equal("Signed in as ada", layout.Find(".account span").TextContent);
        Assert.Equal("Sign out", layout.Find(".account button").TextContent);
    }
}
