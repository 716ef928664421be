using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Ecommerce.Edge;

/// <summary>
/// The security headers of the shop's one origin, stated once: CloudFront's response headers policies send them in
/// AWS (deploy/), the local gateway on a laptop (local/Gateway). Both compile this file in.
/// </summary>
public static partial class SecurityHeaders
{
    public const string ContentTypeOptions = "nosniff";

    public const string FrameOptions = "DENY";

    /// <summary>Another origin learns the shop's origin only, never a path or query (an order's id, a sign-in's code).</summary>
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Two years, over https only (in AWS). Not includeSubDomains: the stack does not own a custom domain's other hosts.</summary>
    public const int StrictTransportSecurityMaxAgeSeconds = 63_072_000;

    public static string StrictTransportSecurity => $"max-age={StrictTransportSecurityMaxAgeSeconds}";

    /// <summary>Stripe.js, as Stripe's integration security guide lists it: its script, its frames, its API.</summary>
    public static readonly string[] PaymentScripts = ["https://js.stripe.com"];

    public static readonly string[] PaymentFrames = ["https://js.stripe.com", "https://hooks.stripe.com"];

    public static readonly string[] PaymentConnections = ["https://api.stripe.com"];

    /// <summary>
    /// The API's answers (JSON, and each service's Swagger UI, whose own pages carry inline script): no page may frame them.
    /// </summary>
    public const string ApiContentSecurityPolicy = "frame-ancestors 'none'";

    /// <summary>
    /// The storefront's pages: Blazor WebAssembly ('wasm-unsafe-eval' compiles the runtime; no 'unsafe-inline' or
    /// 'unsafe-eval'), the inline scripts of its own index.html by hash (the import map the SDK writes at publish),
    /// Stripe.js's script and frames, sign-in at the issuer, and no framing by anyone.
    /// </summary>
    /// <param name="inlineScriptHashes">The <c>'sha256-…'</c> sources of the published index.html's inline scripts (<see cref="InlineScriptHashes"/>).</param>
    /// <param name="signInOrigins">Where the browser fetches the issuer's discovery document, keys and tokens.</param>
    /// <param name="https">The shop is served over https only (in AWS): every request is made over https too.</param>
    public static string PageContentSecurityPolicy(IEnumerable<string> inlineScriptHashes, IEnumerable<string> signInOrigins, bool https) =>
        string.Join("; ", new[]
        {
            "default-src 'self'",
            Directive("script-src", ["'self'", "'wasm-unsafe-eval'", .. inlineScriptHashes, .. PaymentScripts]),
            "style-src 'self'",
            Directive("connect-src", ["'self'", .. signInOrigins, .. PaymentConnections]),
            Directive("frame-src", PaymentFrames),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            https ? "upgrade-insecure-requests" : null,
        }.OfType<string>());

    /// <summary>
    /// The CSP hash source of every inline script in a page (one without <c>src</c>), as a browser computes it: SHA-256
    /// of the script's text, whose line breaks the HTML parser has made <c>\n</c>.
    /// </summary>
    public static IReadOnlyList<string> InlineScriptHashes(string html) =>
    [
        .. Script().Matches(html)
            .Where(script => !SourceAttribute().IsMatch(script.Groups["attributes"].Value))
            .Select(script => script.Groups["text"].Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
            .Select(text => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'")
            .Distinct(StringComparer.Ordinal),
    ];

    private static string Directive(string name, IEnumerable<string> sources) => string.Join(' ', [name, .. sources.Distinct(StringComparer.Ordinal)]);

    [GeneratedRegex(@"<script(?<attributes>[^>]*)>(?<text>.*?)</script\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex(@"\ssrc\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();
}
