using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// <c>/oauth2/authorize</c>: the code flow with PKCE. GET shows the sign-in form; its POST issues a one-time code
/// and sends the browser back to the app. A request for an unknown client or redirect URI is refused with a page
/// and never redirected; any other bad parameter goes back to the app as <c>?error=...</c>, as in Cognito.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static IResult Show(HttpRequest request, AppClients clients, ILogger<UserPool> logger)
    {
        var authorization = AuthorizationRequest.From(request.Query);
        return Check(authorization, clients, logger, out _) ?? SignInPage.Form(authorization);
    }

    public static async Task<IResult> SignInAsync(
        HttpRequest request, AppClients clients, AuthorizationCodes codes, TimeProvider clock, ILogger<UserPool> logger)
    {
        if (await Forms.ReadAsync(request) is not { } form)
        {
            return SignInPage.Refusal("The sign-in form must be posted as application/x-www-form-urlencoded.");
        }

        var authorization = AuthorizationRequest.From(form);
        if (Check(authorization, clients, logger, out var scopes) is { } refused)
        {
            return refused;
        }

        var username = form["username"].ToString().Trim();
        var admin = form["admin"] == "true";
        if (!PoolUser.IsValidUsername(username))
        {
            return SignInPage.Form(authorization, PoolUser.UsernameRule, username, admin);
        }

        var clientId = authorization.ClientId!;
        var signIn = SignIn.Start(new PoolUser(username, admin), clientId, scopes, clock.GetUtcNow());
        var code = codes.Issue(new AuthorizationGrant(signIn, authorization.RedirectUri!, authorization.CodeChallenge!, authorization.Nonce));
        logger.SignedIn(username, admin, clientId);
        return BackToApp(authorization, ("code", code));
    }

    /// <summary>Null when the request may go on; else the refusal page, or the redirect that tells the app what is wrong.</summary>
    private static IResult? Check(AuthorizationRequest request, AppClients clients, ILogger<UserPool> logger, out IReadOnlyList<string> scopes)
    {
        scopes = [];
        // The page names the refused value; the log line does not, as a request's values may hold anything.
        (string Reason, string Message)? refusal =
            !clients.Contains(request.ClientId) ? ("unknown client_id", $"client_id '{request.ClientId}' is not an app client of this user pool.")
            : !clients.AllowsRedirectTo(request.RedirectUri) ? ("redirect_uri not allowed", $"redirect_uri '{request.RedirectUri}' is not allowed: {AppClients.RedirectRule}")
            : null;
        if (refusal is (string reason, string message))
        {
            logger.SignInRefused(reason);
            return SignInPage.Refusal(message);
        }

        var granted = Scopes.Parse(request.Scope);
        (string Code, string Description)? error =
            request.ResponseType is null ? ("invalid_request", "response_type is required.")
            : request.ResponseType != "code" ? ("unsupported_response_type", "Only response_type=code is supported.")
            : request.CodeChallengeMethod != Pkce.S256 || !Pkce.IsWellFormed(request.CodeChallenge) ? ("invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256.")
            : granted is null ? ("invalid_scope", $"scope may hold only {string.Join(", ", Scopes.Supported)}; email, phone and profile need openid.")
            : null;
        if (error is (string code, string description))
        {
            logger.SignInRefused(description);
            return BackToApp(request, ("error", code), ("error_description", description));
        }

        scopes = granted!;
        return null;
    }

    private static RedirectHttpResult BackToApp(AuthorizationRequest request, params (string Name, string Value)[] parameters)
    {
        var query = parameters.Select(p => KeyValuePair.Create(p.Name, (string?)p.Value)).ToList();
        if (request.State is { } state)
        {
            query.Add(KeyValuePair.Create("state", (string?)state));
        }

        return TypedResults.Redirect(QueryHelpers.AddQueryString(request.RedirectUri!, query));
    }
}
