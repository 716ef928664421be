namespace Ecommerce.LocalCloud.Auth;

/// <summary>The scopes of a Cognito app client: the OpenID ones and the one for Cognito's own user API.</summary>
public static class Scopes
{
    public const string OpenId = "openid";

    /// <summary>What Cognito grants to tokens from its user API (InitiateAuth), and so to a script's token here.</summary>
    public const string CognitoUserAdmin = "aws.cognito.signin.user.admin";

    public static readonly IReadOnlyList<string> Supported = [OpenId, "email", "phone", "profile", CognitoUserAdmin];

    private static readonly string[] NeedOpenId = ["email", "phone", "profile"];

    /// <summary>The scopes a sign-in request asks for (all the client's when it asks for none), or null when one is unknown.</summary>
    public static IReadOnlyList<string>? Parse(string? scope)
    {
        var requested = (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToArray();
        if (requested.Length == 0)
        {
            return Supported;
        }

        // As in Cognito, email, phone and profile only come with openid.
        var valid = requested.All(Supported.Contains) && (requested.Contains(OpenId) || !requested.Intersect(NeedOpenId).Any());
        return valid ? requested : null;
    }
}
