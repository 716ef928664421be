using System.Globalization;
using Microsoft.JSInterop;

namespace Ecommerce.Storefront.Shop;

/// <summary>
/// An add to the basket that waits for the shopper to sign in: kept in the tab's session storage while the browser
/// goes to the issuer and back, and taken (read and removed) once, so one click is one add. Session storage, not the
/// address: a link someone shares cannot add to another shopper's basket.
/// </summary>
public sealed class PendingAdd(IJSRuntime js)
{
    private const string Key = "shop.pendingAdd";

    public ValueTask KeepAsync(string productId, int quantity) =>
        js.InvokeVoidAsync("sessionStorage.setItem", Key, $"{quantity.ToString(CultureInfo.InvariantCulture)}|{productId}");

    /// <summary>The quantity waiting to be added to <paramref name="productId"/>, if any; whatever waited is gone afterwards.</summary>
    public async Task<int?> TakeAsync(string productId)
    {
        var kept = await js.InvokeAsync<string?>("sessionStorage.getItem", Key);
        if (kept is null)
        {
            return null;
        }

        await js.InvokeVoidAsync("sessionStorage.removeItem", Key);
        return kept.Split('|', 2) is [var quantity, var id] && id == productId
            && int.TryParse(quantity, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && BasketChanges.IsQuantity(count)
            ? count
            : null;
    }
}
