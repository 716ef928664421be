using Microsoft.Extensions.Primitives;

namespace Ecommerce.LocalCloud.Auth;

/// <summary>
/// The parameters of <c>/oauth2/authorize</c>, from the query string and again from the sign-in form, which
/// carries them in hidden fields so that its POST is checked exactly as the GET was.
/// </summary>
public sealed record AuthorizationRequest(
    string? ResponseType,
    string? ClientId,
    string? RedirectUri,
    string? State,
    string? Scope,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? Nonce)
{
    public static AuthorizationRequest From(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        var values = parameters.ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        string? Value(string name) => values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        return new(Value("response_type"), Value("client_id"), Value("redirect_uri"), Value("state"), Value("scope"),
            Value("code_challenge"), Value("code_challenge_method"), Value("nonce"));
    }

    /// <summary>The parameters by their OAuth names, leaving out those not given.</summary>
    public IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        (string Name, string? Value)[] all =
        [
            ("response_type", ResponseType), ("client_id", ClientId), ("redirect_uri", RedirectUri), ("state", State),
            ("scope", Scope), ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod), ("nonce", Nonce),
        ];
        return all.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Name, p.Value!));
    }
}
