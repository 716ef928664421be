namespace Ecommerce.LocalCloud.Auth;

/// <summary><c>/oauth2/userInfo</c>: the signed-in user's attributes, for a valid access token of this pool.</summary>
internal static class UserInfoEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, Tokens tokens)
    {
        const string Scheme = "Bearer ";
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Unauthorized();
        }

        var claims = await tokens.ValidateAccessTokenAsync(authorization[Scheme.Length..].Trim());
        if (claims is null || claims["sub"] is not string sub || claims["username"] is not string username)
        {
            context.Response.Headers.WWWAuthenticate = """Bearer error="invalid_token", error_description="The access token is expired, malformed or not from this user pool." """.TrimEnd();
            return TypedResults.Unauthorized();
        }

        var user = new PoolUser(username, Admin: false);
        return TypedResults.Json(new UserInfo(sub, "true", user.Email, username), AuthJsonContext.Default.UserInfo);
    }
}
