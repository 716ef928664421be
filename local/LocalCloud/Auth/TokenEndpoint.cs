using Microsoft.AspNetCore.Http.HttpResults;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// <c>POST /oauth2/token</c>, form-encoded, for public clients (no secret): <c>authorization_code</c> with the PKCE
/// verifier, and <c>refresh_token</c>. Errors are OAuth 2.0's, e.g. <c>{"error":"invalid_grant"}</c> with 400.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, AppClients clients, AuthorizationCodes codes, RefreshTokens refreshTokens, Tokens tokens, ILogger<UserPool> logger)
    {
        // RFC 6749: an answer that carries tokens must never be cached.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        request.HttpContext.Response.Headers.Pragma = "no-cache";
        if (await Forms.ReadAsync(request) is not { } form)
        {
            return Refuse(logger, "invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        var grantType = form["grant_type"].ToString();
        var clientId = form["client_id"].ToString();
        if (grantType.Length == 0 || clientId.Length == 0)
        {
            return Refuse(logger, "invalid_request", "grant_type and client_id are required.");
        }

        if (!clients.Contains(clientId))
        {
            return Refuse(logger, "invalid_client", "client_id is not an app client of this user pool.");
        }

        return grantType switch
        {
            "authorization_code" => RedeemCode(form, clientId, codes, refreshTokens, tokens, logger),
            "refresh_token" => Refresh(form, clientId, refreshTokens, tokens, logger),
            _ => Refuse(logger, "unsupported_grant_type", "grant_type must be authorization_code or refresh_token."),
        };
    }

    private static IResult RedeemCode(
        IFormCollection form, string clientId, AuthorizationCodes codes, RefreshTokens refreshTokens, Tokens tokens, ILogger<UserPool> logger)
    {
        var code = form["code"].ToString();
        var redirectUri = form["redirect_uri"].ToString();
        var verifier = form["code_verifier"].ToString();
        if (code.Length == 0 || redirectUri.Length == 0 || verifier.Length == 0)
        {
            return Refuse(logger, "invalid_request", "code, redirect_uri and code_verifier are required.");
        }

        // Taken before it is checked: a code presented with a wrong verifier or redirect URI is spent all the same.
        var grant = codes.Take(code);
        var reason =
            grant is null ? "The code is unknown, used or expired."
            : grant.SignIn.ClientId != clientId || grant.RedirectUri != redirectUri ? "The code was issued to another client_id or redirect_uri."
            : !Pkce.Verifies(verifier, grant.CodeChallenge) ? "code_verifier does not match the code_challenge."
            : null;
        if (reason is not null)
        {
            return Refuse(logger, "invalid_grant", reason);
        }

        // Cognito returns a refresh token from this grant only.
        return Issue(grant!.SignIn, "authorization_code", tokens, logger, grant.Nonce, refreshTokens.Issue(grant.SignIn));
    }

    private static IResult Refresh(IFormCollection form, string clientId, RefreshTokens refreshTokens, Tokens tokens, ILogger<UserPool> logger)
    {
        var refreshToken = form["refresh_token"].ToString();
        if (refreshToken.Length == 0)
        {
            return Refuse(logger, "invalid_request", "refresh_token is required.");
        }

        if (refreshTokens.Find(refreshToken) is not { } signIn || signIn.ClientId != clientId)
        {
            return Refuse(logger, "invalid_grant", "The refresh token is unknown, expired or another client's.");
        }

        return Issue(signIn, "refresh_token", tokens, logger);
    }

    private static JsonHttpResult<TokenResponse> Issue(SignIn signIn, string grantType, Tokens tokens, ILogger<UserPool> logger, string? nonce = null, string? refreshToken = null)
    {
        var accessToken = tokens.AccessToken(signIn);
        var idToken = signIn.GetsIdToken ? tokens.IdToken(signIn, accessToken, nonce) : null;
        logger.TokensIssued(signIn.User.Username, signIn.ClientId, grantType);
        return TypedResults.Json(TokenResponse.Bearer(accessToken, idToken, refreshToken), AuthJsonContext.Default.TokenResponse);
    }

    private static JsonHttpResult<OAuthError> Refuse(ILogger<UserPool> logger, string error, string description)
    {
        logger.TokenRefused(error, description);
        return TypedResults.Json(new OAuthError(error, description), AuthJsonContext.Default.OAuthError, statusCode: StatusCodes.Status400BadRequest);
    }
}
