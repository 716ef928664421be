using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Ecommerce.Shared.Hosting;

/// <summary>The strong ETag of a versioned record (<c>"3"</c>), and the version an <c>If-Match</c> header demands.</summary>
public static class EntityTags
{
    public static string Of(long version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    /// <summary>
    /// The version an If-Match demands: null for none or <c>*</c> (any existing record); a version that never exists (0)
    /// for a tag this service did not issue, so the write fails with 412 as RFC 9110 asks.
    /// </summary>
    public static long? ExpectedVersion(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || ifMatch.Trim() == "*")
        {
            return null;
        }

        return EntityTagHeaderValue.TryParse(ifMatch, out var tag)
            && !tag.IsWeak
            && long.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : 0;
    }
}
