using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication.Internal;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// The signed-in user from Cognito's ID token. Its groups come as one JSON array, which the default factory would
/// make one claim of; here each group is a role claim, so <c>IsInRole("admin")</c> holds for an admin.
/// </summary>
public sealed class CognitoUser(IAccessTokenProviderAccessor accessor) : AccountClaimsPrincipalFactory<RemoteUserAccount>(accessor)
{
    /// <summary>The user name in the ID token; the access token, which the services read, calls it <c>username</c>.</summary>
    public const string NameClaim = "cognito:username";

    public const string GroupsClaim = "cognito:groups";

    public override async ValueTask<ClaimsPrincipal> CreateUserAsync(RemoteUserAccount account, RemoteAuthenticationUserOptions options)
    {
        var user = await base.CreateUserAsync(account, options);
        if (user.Identity is ClaimsIdentity { IsAuthenticated: true } identity
            && account.AdditionalProperties.TryGetValue(GroupsClaim, out var groups)
            && groups is JsonElement { ValueKind: JsonValueKind.Array } list)
        {
            foreach (var claim in identity.FindAll(GroupsClaim).ToList())
            {
                identity.RemoveClaim(claim);
            }

            foreach (var group in list.EnumerateArray())
            {
                identity.AddClaim(new Claim(GroupsClaim, group.GetString() ?? ""));
            }
        }

        return user;
    }
}
