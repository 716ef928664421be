using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Ecommerce.Storefront.Shop;

/// <summary>The card as the shopper typed it; it goes to the payment provider only, never to the shop's API.</summary>
public sealed class CardDetails
{
    public string? Number { get; set; }

    /// <summary>MM/YY, as printed on the card.</summary>
    public string? Expiry { get; set; }

    public string? Cvc { get; set; }

    /// <summary>The number without the spaces and dashes a shopper types between its digits.</summary>
    public string Digits => string.Concat((Number ?? "").Where(c => c is not (' ' or '-')));

    /// <summary>The expiry as month and four-digit year, or null when it does not read as MM/YY (or MM/YYYY).</summary>
    public (int Month, int Year)? ExpiryDate =>
        Expiry?.Replace(" ", "", StringComparison.Ordinal).Split('/') is [var month, var year]
        && int.TryParse(month, out var m) && m is >= 1 and <= 12
        && year.Length is 2 or 4 && int.TryParse(year, out var y)
            ? (m, year.Length == 2 ? 2000 + y : y)
            : null;
}

/// <summary>What the provider answered: a payment method's id, or why not, in words a shopper reads.</summary>
public sealed record PaymentMethodResult(string? Id, string? Problem)
{
    public static PaymentMethodResult Refused(string problem) => new(null, problem);
}

/// <summary>
/// The payment provider as the checkout page sees it: the card becomes a payment method there, and only its id
/// comes back. Locally LocalCloud's Stripe-shaped provider (<see cref="ProviderPaymentMethods"/>), the card typed into
/// the shop's own fields; in AWS Stripe.js's Payment Element (<see cref="StripeJsPaymentMethods"/>), which draws the
/// card's fields itself, in Stripe's frame.
/// </summary>
public interface IPaymentMethods
{
    /// <summary>True when the provider draws the card's fields itself (in <see cref="MountAsync"/>); else the shop's fields take the card.</summary>
    bool DrawsCardFields { get; }

    /// <summary>Draws the provider's card fields in <paramref name="host"/>, for a payment of <paramref name="amount"/>.</summary>
    Task MountAsync(ElementReference host, decimal amount);

    /// <summary>The card becomes a payment method at the provider; <paramref name="card"/> is empty when the provider drew the fields.</summary>
    Task<PaymentMethodResult> CreateAsync(CardDetails card);
}

/// <summary>
/// Stripe.js's Payment Element (<c>wwwroot/js/stripe-payment-element.js</c>), with the publishable key config.json
/// names: the card is typed into Stripe's frame and <c>stripe.createPaymentMethod</c> makes the payment method there.
/// </summary>
public sealed class StripeJsPaymentMethods(IJSRuntime js, PaymentProviderSettings settings) : IPaymentMethods
{
    private const string Module = "./js/stripe-payment-element.js";

    private IJSObjectReference? _module;

    public bool DrawsCardFields => true;

    public async Task MountAsync(ElementReference host, decimal amount)
    {
        _module ??= await js.InvokeAsync<IJSObjectReference>("import", Module);
        await _module.InvokeVoidAsync("mount", host, settings.PublishableKey, decimal.ToInt64(amount * 100m));
    }

    public async Task<PaymentMethodResult> CreateAsync(CardDetails card)
    {
        if (_module is null || settings.PublishableKey is not { Length: > 0 })
        {
            return PaymentMethodResult.Refused(ProviderPaymentMethods.NotSetUp);
        }

        try
        {
            // [id, null], or [null, Stripe's message for the shopper]: plain strings, which need no reflection to read.
            var answer = await _module.InvokeAsync<string?[]>("createPaymentMethod");
            return answer is [{ Length: > 0 } id, _] ? new PaymentMethodResult(id, null)
                : PaymentMethodResult.Refused(answer is [_, { Length: > 0 } problem] ? problem : ProviderPaymentMethods.NotSetUp);
        }
        catch (JSException)
        {
            return PaymentMethodResult.Refused(ProviderPaymentMethods.Unreachable);
        }
    }
}

/// <summary>
/// Makes a payment method with a form-encoded <c>POST {baseUrl}/v1/payment_methods</c> and the publishable key, as
/// Stripe's API takes it: what LocalCloud's provider answers. Nothing here throws for a status or a lost connection.
/// </summary>
public sealed class ProviderPaymentMethods(HttpClient http, PaymentProviderSettings? settings) : IPaymentMethods
{
    public const string NotSetUp = "Card payments are not available in this shop just now.";

    public const string Unreachable = "The card could not be checked just now. Check your connection, then try again.";

    public bool DrawsCardFields => false;

    public Task MountAsync(ElementReference host, decimal amount) => Task.CompletedTask;

    public async Task<PaymentMethodResult> CreateAsync(CardDetails card)
    {
        if (settings is not { BaseUrl: { Length: > 0 } baseUrl, PublishableKey: { Length: > 0 } key })
        {
            return PaymentMethodResult.Refused(NotSetUp);
        }

        var (month, year) = card.ExpiryDate ?? (0, 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{baseUrl.TrimEnd('/')}/v1/payment_methods", UriKind.RelativeOrAbsolute))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["type"] = "card",
                ["card[number]"] = card.Digits,
                ["card[exp_month]"] = $"{month}",
                ["card[exp_year]"] = $"{year}",
                ["card[cvc]"] = card.Cvc?.Trim() ?? "",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync(StorefrontJson.Default.ProviderPaymentMethod) is { Id.Length: > 0 } made)
            {
                return new PaymentMethodResult(made.Id, null);
            }

            // A card error's message is written for the cardholder; any other failure is the shop's to word.
            var error = await ReadErrorAsync(response);
            return PaymentMethodResult.Refused(error is { Type: "card_error", Message.Length: > 0 }
                ? error.Message
                : "The card could not be checked. Please try again in a moment.");
        }
        catch (HttpRequestException)
        {
            return PaymentMethodResult.Refused(Unreachable);
        }
    }

    private static async Task<ProviderErrorDetail?> ReadErrorAsync(HttpResponseMessage response)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync(StorefrontJson.Default.ProviderError))?.Error;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}

/// <summary>The members of the provider's payment method the storefront reads.</summary>
internal sealed record ProviderPaymentMethod(string? Id);

/// <summary>Stripe's error shape: <c>{"error":{"type","code","message",…}}</c>.</summary>
internal sealed record ProviderError(ProviderErrorDetail? Error);

internal sealed record ProviderErrorDetail(string? Type, string? Code, string? Message);
