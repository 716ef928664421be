namespace Ecommerce.LocalCloud.Auth;

/// <summary>The local user pool (section <c>LocalCloud:Auth</c>): its id, its app clients and where it may send a browser.</summary>
public sealed class AuthOptions
{
    public const string DefaultUserPoolId = "us-east-1_LocalPool";

    public const string DefaultClientId = "ecommerce-local";

    /// <summary>The last segment of the issuer URL, as a Cognito user pool id is.</summary>
    public string UserPoolId { get; set; } = DefaultUserPoolId;

    /// <summary>The public app clients (no secret); none given means <see cref="DefaultClientId"/>.</summary>
    // Empty rather than pre-filled: the configuration binder appends to an array's existing items.
    public string[] ClientIds { get; set; } = [];

    /// <summary>Redirect and sign-out URIs allowed besides any <c>http://localhost:*</c> or <c>http://127.0.0.1:*</c> URI.</summary>
    public string[] RedirectUris { get; set; } = [];

    /// <summary>
    /// The edge's URL as the services reach it, when that is not the address LocalCloud listens on: in a
    /// container, its service name (<c>http://localcloud:4566</c>). The issuer and every endpoint start with it.
    /// </summary>
    public string? PublicUrl { get; set; }
}
