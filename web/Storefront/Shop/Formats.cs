using System.Globalization;

namespace Ecommerce.Storefront.Shop;

/// <summary>How money and dates read in the shop. The app carries no culture data, so the format is fixed here.</summary>
public static class Formats
{
    public static string Money(decimal amount) => amount.ToString("$#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>An order's ISO-8601 UTC time, as "25 Nov 2026, 12:52 UTC"; anything else as it came.</summary>
    public static string OrderDate(string isoDate) =>
        DateTimeOffset.TryParse(isoDate, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : isoDate;
}
