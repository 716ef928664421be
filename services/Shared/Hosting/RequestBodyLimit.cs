using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Ecommerce.Shared.Hosting;

/// <summary>
/// Refuses a declared body over the limit before anything reads it. Kestrel enforces the same limit
/// on bodies of undeclared length; hosts without that feature (the test server) rely on this check.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > ServiceDefaults.MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ServiceDefaults.MaxRequestBodyBytes;
        }

        return next(context);
    }
}
