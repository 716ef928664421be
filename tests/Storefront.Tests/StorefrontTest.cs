using AngleSharp.Dom;
using Bunit.TestDoubles;
using Ecommerce.Storefront.Shop;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Ecommerce.Storefront.Tests;

/// <summary>A component under test with the shop's API canned, a shopper who may be signed in, and no browser.</summary>
public abstract class StorefrontTest : BunitContext
{
    private readonly BunitAuthorizationContext _authorization;

    protected StorefrontTest()
    {
        Services.AddSingleton(new ShopApi(new HttpClient(Api) { BaseAddress = new Uri("http://shop.test/") }));
        Services.AddSingleton(new ShopSettings("http://issuer.test/pool", "shop-client", "openid"));
        Services.AddSingleton<IPaymentMethods>(Payments);
        Services.AddPendingAdd();
        JSInterop.Mode = JSRuntimeMode.Loose;
        _authorization = AddAuthorization();
    }

    protected CannedApi Api { get; } = new();

    protected FakePaymentMethods Payments { get; } = new();

    protected void SignIn(string userName, bool admin = false)
    {
        _authorization.SetAuthorized(userName);
        if (admin)
        {
            _authorization.SetRoles(ShopSignIn.AdminRole);
        }
    }

    /// <summary>The form field a label names, found as a person finds it: by the label's text and its <c>for</c>.</summary>
    protected static IElement Field<T>(IRenderedComponent<T> page, string label)
        where T : IComponent
    {
        var labels = page.FindAll("label").Where(l => l.TextContent.Trim() == label).ToList();
        Assert.True(labels.Count == 1, $"One label reads '{label}'; found {labels.Count}.");
        var id = labels[0].GetAttribute("for");
        Assert.False(string.IsNullOrEmpty(id), $"The label '{label}' names its field.");
        return page.Find($"#{id}");
    }

    /// <summary>The message shown beside a field: the element its <c>aria-describedby</c> names.</summary>
    protected static string MessageBeside<T>(IRenderedComponent<T> page, string label)
        where T : IComponent
    {
        var describedBy = Field(page, label).GetAttribute("aria-describedby");
        Assert.False(string.IsNullOrEmpty(describedBy), $"The field '{label}' points at its message.");
        return string.Join(" ", page.FindAll($"#{describedBy}").Select(e => e.TextContent.Trim()));
    }
}
