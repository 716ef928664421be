using System.Net;
using System.Net.Http.Json;
using Ecommerce.TestSupport;
using Microsoft.AspNetCore.Hosting;

namespace Ecommerce.Products.Tests;

/// <summary>
/// With <c>Auth:AdminRequiresMfa</c> on, as the stack's prod stage sets it, admin rights come only with a token whose
/// sign-in passed a one-time code; LocalCloud's issuer marks such a token as the stack's pool does.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class AdminMfaTests(LocalEdge edge) : IDisposable
{
    private readonly ProductServiceRequiringMfa _service = new(edge);

    [Fact]
    public async Task An_admin_signed_in_with_a_one_time_code_writes_the_catalogue()
    {
        using var client = Client(await edge.AccessTokenAsync("grace", admin: true, mfa: true));

        using var response = await client.PostAsJsonAsync("/product", ProductRequests.Valid());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_signed_in_with_a_password_alone_is_refused_admin_rights_and_nothing_is_written()
    {
        using var client = Client(await edge.AccessTokenAsync("grace", admin: true, mfa: false));

        using var create = await client.PostAsJsonAsync("/product", ProductRequests.Valid(name: "Password only"));
        using var republish = await client.PostAsync("/product/republish", content: null);

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, republish.StatusCode);
        var catalogue = await client.GetStringAsync("/product");
        Assert.DoesNotContain("Password only", catalogue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_shopper_is_still_a_shopper_with_or_without_a_second_factor()
    {
        using var client = Client(await edge.AccessTokenAsync("ada", admin: false, mfa: false));

        using var catalogue = await client.GetAsync("/product");
        using var create = await client.PostAsJsonAsync("/product", ProductRequests.Valid());

        Assert.Equal(HttpStatusCode.OK, catalogue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    private HttpClient Client(string accessToken) => _service.CreateClient(accessToken);

    public void Dispose() => _service.Dispose();

    /// <summary>The Product service as the stack's prod stage runs it: admin rights only with the pool's MFA mark.</summary>
    private sealed class ProductServiceRequiringMfa(LocalEdge edge) : ServiceFactory<Program>(edge)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:AdminRequiresMfa", "true");
        }
    }
}
