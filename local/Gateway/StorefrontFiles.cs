using Microsoft.AspNetCore.StaticFiles;

namespace Ecommerce.Gateway;

/// <summary>
/// The storefront's files: by default those of its build (the project reference brings them), or a published
/// storefront when the web root points at one (<c>--webroot "$PWD/artifacts/publish/storefront/wwwroot"</c>, outside
/// Development, where the build's files would be layered over it), served as S3 and CloudFront serve it in AWS:
/// compressed, fingerprinted files cached for good, index.html revalidated.
/// </summary>
public static class StorefrontFiles
{
    private const string PublishedManifest = "Ecommerce.Storefront.staticwebassets.endpoints.json";

    public static void MapStorefrontFiles(this WebApplication app)
    {
        var published = Path.Combine(app.Environment.WebRootPath ?? "", "..", PublishedManifest);
        app.MapStaticAssets(File.Exists(published) ? published : null);
        // Any other path without a file extension is a page of the app, which routes it in the browser.
        app.MapFallbackToFile("index.html", new StaticFileOptions
        {
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
