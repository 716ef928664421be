using Ecommerce.Edge;
using Microsoft.Extensions.FileProviders;

namespace Ecommerce.Gateway;

/// <summary>
/// On every answer, the headers CloudFront's response headers policies add in AWS (<see cref="SecurityHeaders"/>): the
/// storefront's pages under the page policy, with the hashes of the index.html it serves, and the API's paths under the
/// API's. No HSTS and no upgrade to https: the gateway speaks plain http on loopback.
/// </summary>
public static class ShopSecurityHeaders
{
    public static void UseShopSecurityHeaders(this WebApplication app)
    {
        var index = app.Environment.WebRootFileProvider.GetFileInfo("index.html");
        var authority = new Uri(app.Configuration["Storefront:Authority"] ?? throw new InvalidOperationException("Storefront:Authority is not configured."));
        var pagePolicy = SecurityHeaders.PageContentSecurityPolicy(
            index.Exists ? SecurityHeaders.InlineScriptHashes(ReadAll(index)) : [],
            [authority.GetLeftPart(UriPartial.Authority)],
            https: false);
        app.Use((context, next) =>
        {
            var policy = ShopRoutes.IsApiPath(context.Request.Path) ? SecurityHeaders.ApiContentSecurityPolicy : pagePolicy;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = SecurityHeaders.ContentTypeOptions;
                headers.XFrameOptions = SecurityHeaders.FrameOptions;
                headers["Referrer-Policy"] = SecurityHeaders.ReferrerPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static string ReadAll(IFileInfo file)
    {
        using var reader = new StreamReader(file.CreateReadStream());
        return reader.ReadToEnd();
    }
}
