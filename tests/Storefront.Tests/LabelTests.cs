using System.Net;
using Ecommerce.Storefront.Pages;
using Microsoft.AspNetCore.Components;

namespace Ecommerce.Storefront.Tests;

/// <summary>Every field of every page has a label naming it, so a screen reader and a browser test find it by its name.</summary>
public sealed class LabelTests : StorefrontTest
{
    public LabelTests()
    {
        SignIn("grace", admin: true);
        Api.On("GET /product?limit=12", HttpStatusCode.OK, """{"items":[{"id":"p1","name":"Aurora X","price":1,"category":"Phones"}],"nextToken":null}""")
           .On("GET /product/p1", HttpStatusCode.OK, """{"id":"p1","name":"Aurora X","price":1,"category":"Phones"}""")
           .OnStock(("p1", 10))
           .On("GET /inventory/p1", HttpStatusCode.OK, """{"productId":"p1","onHand":10,"reserved":0,"available":10,"version":1}""")
           .On("GET /basket/grace", HttpStatusCode.OK, """{"userName":"grace","items":[{"productId":"p1","productName":"Aurora X","quantity":1,"price":1}],"totalPrice":1}""");
    }

    [Fact]
    public void Catalogue() => AssertEveryFieldIsLabelled(Render<Catalogue>(), fields: 1);

    [Fact]
    public void Product() => AssertEveryFieldIsLabelled(Render<ProductPage>(parameters => parameters.Add(p => p.Id, "p1")), fields: 1);

    [Fact]
    public void Basket() => AssertEveryFieldIsLabelled(Render<BasketPage>(), fields: 1);

    [Fact]
    public void Checkout() => AssertEveryFieldIsLabelled(Render<CheckoutPage>(), fields: 7);

    [Fact]
    public void Product_editor() => AssertEveryFieldIsLabelled(Render<ProductEditor>(parameters => parameters.Add(p => p.Id, "p1")), fields: 6);

    private static void AssertEveryFieldIsLabelled<T>(IRenderedComponent<T> page, int fields)
        where T : IComponent
    {
        page.WaitForAssertion(() => Assert.Equal(fields, page.FindAll("input, select, textarea").Count));
        Assert.All(page.FindAll("input, select, textarea"), field =>
        {
            Assert.False(string.IsNullOrEmpty(field.Id), $"A {field.TagName} has an id for its label.");
            Assert.False(string.IsNullOrWhiteSpace(Assert.Single(page.FindAll($"label[for='{field.Id}']")).TextContent));
        });
    }
}
