using System.Security.Claims;

namespace Ecommerce.Shared.Identity;

/// <summary>What the services read of a caller's Cognito access token.</summary>
public static class Caller
{
    /// <summary>The Cognito group whose members own the catalogue and may act for any user.</summary>
    public const string AdminGroup = "admin";

    /// <summary>
    /// Says the sign-in behind the token passed a one-time code (<c>totp</c>). Cognito's access tokens carry no <c>amr</c>;
    /// the stack's pre-token-generation trigger adds this for a user who has TOTP enabled, which then every sign-in asks for.
    /// </summary>
    public const string MfaClaim = "ecommerce:mfa";

    /// <summary>The authorization policy of admin-only routes.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The user the token names (<c>username</c>), or null for an anonymous caller.</summary>
    public static string? UserName(this ClaimsPrincipal caller) =>
        caller.Identity is { IsAuthenticated: true } ? caller.Identity.Name : null;

    public static bool IsAdmin(this ClaimsPrincipal caller) => caller.IsInRole(AdminGroup);

    /// <summary>A shopper acts for themselves only; an admin for anyone.</summary>
    public static bool MayActFor(this ClaimsPrincipal caller, string? userName) =>
        caller.IsAdmin() || (caller.UserName() is { } own && string.Equals(own, userName, StringComparison.Ordinal));
}
