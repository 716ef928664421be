using System.Text;
using System.Text.Encodings.Web;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>The plain HTML the pool shows a person: the sign-in form, and the page that refuses a bad request.</summary>
public static class SignInPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>The form: a user name, whether the user is an admin, and the request's parameters in hidden fields.</summary>
    public static IResult Form(AuthorizationRequest request, string? error = null, string username = "", bool admin = false)
    {
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.Parameters())
        {
            hidden.Append($"""    <input type="hidden" name="{name}" value="{Html.Encode(value)}">""").Append('\n');
        }

        var errorLine = error is null ? "" : $"""  <p id="error" class="error" role="alert">{Html.Encode(error)}</p>""" + "\n";
        var invalid = error is null ? "" : """ aria-invalid="true" """.TrimEnd();
        var describedBy = error is null ? "username-hint" : "error username-hint";
        var body = $"""
              <h1>Sign in</h1>
              <p>LocalCloud's stand-in for Amazon Cognito's sign-in page, for the app client <strong>{Html.Encode(request.ClientId ?? "")}</strong>.
              There is no password: sign in as anyone.</p>
            {errorLine}  <form method="post" action="/oauth2/authorize">
            {hidden}    <p>
                  <label for="username">User name</label>
                  <input id="username" name="username" type="text" value="{Html.Encode(username)}" required maxlength="{PoolUser.MaxUsernameLength}"
                         pattern="[A-Za-z0-9._@\-]+" autocomplete="username" autocapitalize="none" spellcheck="false" autofocus
                         aria-describedby="{describedBy}"{invalid}>
                  <span id="username-hint" class="hint">{Html.Encode(PoolUser.UsernameRule)}</span>
                </p>
                <p>
                  <input id="admin" name="admin" type="checkbox" value="true"{(admin ? " checked" : "")} aria-describedby="admin-hint">
                  <label for="admin">admin</label>
                  <span id="admin-hint" class="hint">Puts the user in the <code>admin</code> group, which owns the catalogue.</span>
                </p>
                <button type="submit">Sign in</button>
              </form>
            """;
        return new HtmlPage("Sign in", body, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>Refuses a request the pool will not redirect back from (an unknown client or redirect URI).</summary>
    public static IResult Refusal(string reason) =>
        new HtmlPage("Sign-in refused", $"""
              <h1>This sign-in request is refused</h1>
              <p role="alert">{Html.Encode(reason)}</p>
            """, StatusCodes.Status400BadRequest);

    private sealed class HtmlPage(string title, string body, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            // Nothing to load, nowhere to be framed; form-action is left open because the form's answer redirects to the app.
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return response.WriteAsync($$"""
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>{{title}} - LocalCloud</title>
                  <style>
                    body { font: 1rem/1.5 system-ui, sans-serif; max-width: 28rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
                    label { font-weight: 600; }
                    input[type=text] { display: block; width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; margin: .25rem 0; }
                    input[type=checkbox] { width: 1.1rem; height: 1.1rem; vertical-align: middle; }
                    .hint { display: block; color: #4a4a4a; font-size: .9rem; }
                    .error { color: #a00000; font-weight: 600; }
                    button { padding: .6rem 1.5rem; font-size: 1rem; }
                    :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
                  </style>
                </head>
                <body>
                <main>
                {{body}}
                </main>
                </body>
                </html>
                """, httpContext.RequestAborted);
        }
    }
}
