namespace Ecommerce.Contracts;

/// <summary>
/// Every limit of the public contract (docs/api.md), stated once: the input attributes, the
/// checkout consumer's rules and the storefront's forms all read them from here.
/// </summary>
public static class Limits
{
    public const int UserName = 100;

    public const int ProductId = 100;
    public const int ProductName = 200;
    public const int Description = 4000;
    public const int ImageFile = 1024;
    public const int Category = 100;

    public const int BasketItems = 100;
    public const int Color = 50;
    public const int MinQuantity = 1;
    public const int MaxQuantity = 1000;

    /// <summary>The most a price may be; totals are sums of prices and may be more.</summary>
    public const decimal MaxPrice = 1_000_000m;

    /// <summary>Money is whole cents: the decimals an amount may have, and that totals are rounded to.</summary>
    public const int MoneyDecimals = 2;

    public const int FirstName = 100;
    public const int LastName = 100;
    public const int Email = 254;
    public const int Address = 500;
    public const int PaymentMethodId = 255;

    /// <summary>A payment method's id at the provider (Stripe's <c>pm_…</c>): letters, digits and underscores.</summary>
    public const string PaymentMethodIdPattern = "^[A-Za-z0-9_]+$";

    /// <summary>The longest <c>Idempotency-Key</c> header a checkout may send.</summary>
    public const int IdempotencyKey = 200;

    /// <summary>The most units of a product an admin may set on hand.</summary>
    public const int MaxOnHand = 1_000_000;

    /// <summary>The most product ids one availability query (<c>GET /inventory?productIds=</c>) may name.</summary>
    public const int MaxStockQueryIds = 100;

    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 50;
}
