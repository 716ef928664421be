using System.Net;
using System.Net.Http.Json;
using Ecommerce.LocalCloud.Auth;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The authorization code flow with PKCE, through the sign-in form, as a browser app signs a person in.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class SignInFlowTests(LocalEdge edge)
{
    [FaultInjectionFact]
    public async Task The_sign_in_form_is_plain_html_with_a_labelled_user_name_an_admin_checkbox_and_a_button()
    {
        using var flow = new CodeFlow(edge);

        using var page = await flow.AuthorizeAsync(flow.Request());
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""<label for="username">User name</label>""", html, StringComparison.Ordinal);
        Assert.Contains("""<input id="username" name="username" type="text" """, html, StringComparison.Ordinal);
        Assert.Contains("""<input id="admin" name="admin" type="checkbox" """, html, StringComparison.Ordinal);
        Assert.Contains("""<label for="admin">admin</label>""", html, StringComparison.Ordinal);
        Assert.Contains("""<button type="submit">Sign in</button>""", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"password\"", html, StringComparison.Ordinal);
    }

    [FaultInjectionFact]
    public async Task Signing_in_and_redeeming_the_code_gives_access_id_and_refresh_tokens_a_service_accepts()
    {
        using var flow = new CodeFlow(edge);
        await using var api = await ProtectedApi.StartAsync(edge.IssuerUrl, CodeFlow.ClientId);

        var code = await flow.SignInAsync("grace", admin: true);
        var tokens = await flow.RedeemAsync(code);
        using var me = await api.GetMeAsync(tokens.Get("access_token"));

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("Bearer", tokens.Get("token_type"));
        Assert.Equal(3600, (int)tokens.Body["expires_in"]!);
        Assert.NotEmpty(tokens.Get("id_token"));
        Assert.NotEmpty(tokens.Get("refresh_token"));
        Assert.Equal("no-store", tokens.Headers["Cache-Control"]);
        Assert.Equal(new Caller("grace", Admin: true), await me.Content.ReadFromJsonAsync<Caller>());
    }

    [FaultInjectionFact]
    public async Task The_id_token_names_the_client_as_audience_and_carries_the_users_identity()
    {
        using var flow = new CodeFlow(edge);
        var tokens = await flow.RedeemAsync(await flow.SignInAsync("ada"));

        var idToken = Jwt.Payload(tokens.Get("id_token"));
        var accessToken = Jwt.Payload(tokens.Get("access_token"));

        Assert.Equal(CodeFlow.ClientId, (string?)idToken["aud"]);
        Assert.Equal("id", (string?)idToken["token_use"]);
        Assert.Equal("ada", (string?)idToken["cognito:username"]);
        Assert.Equal("ada@example.com", (string?)idToken["email"]);
        Assert.True((bool)idToken["email_verified"]!);
        Assert.Equal(flow.Nonce, (string?)idToken["nonce"]);
        Assert.Equal(edge.IssuerUrl, (string?)idToken["iss"]);
        Assert.Null(idToken["cognito:groups"]);
        Assert.Equal((string?)accessToken["sub"], (string?)idToken["sub"]);
        Assert.Equal((string?)accessToken["origin_jti"], (string?)idToken["origin_jti"]);
        Assert.Equal("openid email profile", (string?)accessToken["scope"]);
        Assert.Null(accessToken["aud"]);
        // As in Cognito, ID and access tokens are signed with different keys.
        Assert.NotEqual((string?)Jwt.Header(tokens.Get("id_token"))["kid"], (string?)Jwt.Header(tokens.Get("access_token"))["kid"]);
    }

    [FaultInjectionFact]
    public async Task A_wrong_code_verifier_gets_invalid_grant_and_spends_the_code()
    {
        using var flow = new CodeFlow(edge);
        var code = await flow.SignInAsync("ada");

        var wrong = await flow.RedeemAsync(code, verifier: new string('a', 43));
        var right = await flow.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal("invalid_grant", wrong.Get("error"));
        Assert.Equal("invalid_grant", right.Get("error"));
    }

    [FaultInjectionFact]
    public async Task A_code_is_redeemed_once_only()
    {
        using var flow = new CodeFlow(edge);
        var code = await flow.SignInAsync("ada");

        var first = await flow.RedeemAsync(code);
        var second = await flow.RedeemAsync(code);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Get("error"));
    }

    [FaultInjectionFact]
    public async Task A_code_redeemed_with_another_redirect_uri_gets_invalid_grant()
    {
        using var flow = new CodeFlow(edge);
        var code = await flow.SignInAsync("ada");

        var answer = await flow.RedeemAsync(code, redirectUri: "http://localhost:5173/elsewhere");

        Assert.Equal("invalid_grant", answer.Get("error"));
    }

    [FaultInjectionFact]
    public async Task A_foreign_redirect_uri_is_refused_with_a_page_and_never_redirected_to()
    {
        using var flow = new CodeFlow(edge);
        using var page = await flow.AuthorizeWithAsync("redirect_uri", "https://attacker.example/steal");
        using var tampered = await flow.SubmitFormAsync("ada", redirectUri: "https://attacker.example/steal");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
        Assert.Contains("redirect_uri", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Null(tampered.Headers.Location);
    }

    [FaultInjectionFact]
    public async Task A_redirect_uri_that_only_looks_local_is_refused()
    {
        using var flow = new CodeFlow(edge);
        string[] lookalikes =
        [
            "http://localhost:5173@attacker.example/", "https://localhost:5173/signed-in",
            "http://localhost.attacker.example/signed-in", "/signed-in", "http://localhost:5173/signed-in#fragment",
        ];

        foreach (var redirectUri in lookalikes)
        {
            using var page = await flow.AuthorizeWithAsync("redirect_uri", redirectUri);

            Assert.True(page.StatusCode == HttpStatusCode.BadRequest && page.Headers.Location is null, $"{redirectUri} was not refused");
        }
    }

    [FaultInjectionFact]
    public async Task A_request_without_a_code_challenge_goes_back_to_the_app_with_invalid_request()
    {
        using var flow = new CodeFlow(edge);
        using var answer = await flow.AuthorizeWithAsync("code_challenge", null);
        var back = CodeFlow.BackToApp(answer);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("invalid_request", back["error"]);
        Assert.Equal(flow.State, back["state"]);
        Assert.False(back.ContainsKey("code"));
    }

    [FaultInjectionFact]
    public async Task A_plain_code_challenge_method_goes_back_to_the_app_with_invalid_request()
    {
        using var flow = new CodeFlow(edge);
        using var answer = await flow.AuthorizeWithAsync("code_challenge_method", "plain");

        Assert.Equal("invalid_request", CodeFlow.BackToApp(answer)["error"]);
    }

    [FaultInjectionFact]
    public async Task An_unknown_scope_goes_back_to_the_app_with_invalid_scope()
    {
        using var flow = new CodeFlow(edge);
        using var answer = await flow.AuthorizeWithAsync("scope", "openid admin");

        Assert.Equal("invalid_scope", CodeFlow.BackToApp(answer)["error"]);
    }

    [FaultInjectionFact]
    public async Task An_unknown_client_is_refused_with_a_page()
    {
        using var flow = new CodeFlow(edge);
        using var page = await flow.AuthorizeWithAsync("client_id", "no-such-client");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Null(page.Headers.Location);
    }

    [FaultInjectionFact]
    public async Task A_bad_user_name_shows_the_form_again_with_the_rule()
    {
        using var flow = new CodeFlow(edge);

        using var answer = await flow.SubmitFormAsync("ada lovelace");
        var html = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.Contains("""role="alert">""" + PoolUser.UsernameRule, html, StringComparison.Ordinal);
        Assert.Contains("""value="ada lovelace" """, html, StringComparison.Ordinal);
    }
}
