namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// <c>GET /logout</c>: there is no sign-in session to end here, so it only sends the browser on, as Cognito does:
/// to <c>logout_uri</c>, or, given the authorize parameters instead, to the sign-in form for another user.
/// </summary>
internal static class LogoutEndpoint
{
    public static IResult Handle(HttpRequest request, AppClients clients, ILogger<UserPool> logger)
    {
        var clientId = request.Query["client_id"].ToString();
        var logoutUri = request.Query["logout_uri"].ToString();
        var refusal =
            !clients.Contains(clientId) ? $"client_id '{clientId}' is not an app client of this user pool."
            : logoutUri.Length > 0 && !clients.AllowsRedirectTo(logoutUri) ? $"logout_uri '{logoutUri}' is not allowed: use an http://localhost or http://127.0.0.1 URI, or add it to LocalCloud:Auth:RedirectUris."
            : logoutUri.Length == 0 && !request.Query.ContainsKey("redirect_uri") ? "logout_uri is required: where to send the browser after signing out."
            : null;
        if (refusal is not null)
        {
            logger.SignInRefused(refusal);
            return SignInPage.Refusal(refusal);
        }

        return TypedResults.Redirect(logoutUri.Length > 0 ? logoutUri : "/oauth2/authorize" + request.QueryString);
    }
}
