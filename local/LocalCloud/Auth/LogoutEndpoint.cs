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
        (string Reason, string Message)? refusal =
            !clients.Contains(clientId) ? ("unknown client_id", $"client_id '{clientId}' is not an app client of this user pool.")
            : logoutUri.Length > 0 && !clients.AllowsRedirectTo(logoutUri) ? ("logout_uri not allowed", $"logout_uri '{logoutUri}' is not allowed: {AppClients.RedirectRule}")
            : logoutUri.Length == 0 && !request.Query.ContainsKey("redirect_uri") ? ("no logout_uri", "logout_uri is required: where to send the browser after signing out.")
            : null;
        if (refusal is (string reason, string message))
        {
            logger.SignInRefused(reason);
            return SignInPage.Refusal(message);
        }

        return TypedResults.Redirect(logoutUri.Length > 0 ? logoutUri : "/oauth2/authorize" + request.QueryString);
    }
}
