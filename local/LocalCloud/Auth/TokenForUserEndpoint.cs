using System.Text.Json;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// <c>POST /_localcloud/auth/token</c> with <c>{"username": "ada", "admin": false, "mfa": false}</c>: an access token for a named user
/// in one call, for scripts and tests; the same token a browser gets from the code flow.
/// </summary>
internal static class TokenForUserEndpoint
{
    private const string Shape = """The body must be JSON: {"username": "ada", "admin": false, "mfa": false, "clientId": "(optional)"}.""";

    public static async Task<IResult> HandleAsync(HttpRequest request, AppClients clients, Tokens tokens, TimeProvider clock, ILogger<UserPool> logger)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(Shape, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        TokenForUser? body;
        try
        {
            body = await request.ReadFromJsonAsync(AuthJsonContext.Default.TokenForUser, request.HttpContext.RequestAborted);
        }
        catch (JsonException)
        {
            return TypedResults.Problem(Shape, statusCode: StatusCodes.Status400BadRequest);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!PoolUser.IsValidUsername(body?.Username))
        {
            errors["username"] = [PoolUser.UsernameRule];
        }

        if (body?.ClientId is { } named && !clients.Contains(named))
        {
            errors["clientId"] = [$"Not an app client of this user pool; the app clients are {string.Join(", ", clients.Ids)}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = new PoolUser(body!.Username!, body.Admin, body.Mfa);
        var clientId = body.ClientId ?? clients.Default;
        var signIn = SignIn.Start(user, clientId, [Scopes.CognitoUserAdmin], clock.GetUtcNow());
        logger.SignedIn(user.Username, user.Admin, clientId);
        return TypedResults.Json(TokenResponse.Bearer(tokens.AccessToken(signIn)), AuthJsonContext.Default.TokenResponse);
    }
}
