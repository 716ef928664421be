using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Ecommerce.Contracts;

/// <summary>A price: 0 to <see cref="Limits.MaxPrice"/> with at most <see cref="Limits.MoneyDecimals"/> decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MoneyAttribute() : ValidationAttribute(string.Create(CultureInfo.InvariantCulture,
    $"The {{0}} field must be between 0 and {Limits.MaxPrice} with at most {Limits.MoneyDecimals} decimals."))
{
    public override bool IsValid(object? value) => value switch
    {
        null => true,
        decimal amount => Money.IsPrice(amount),
        _ => false,
    };
}

public static class Money
{
    /// <summary>Whole cents, not negative: any amount of money the contract carries, totals included.</summary>
    public static bool IsAmount(decimal amount) => amount >= 0m && amount == decimal.Round(amount, Limits.MoneyDecimals);

    /// <summary>An amount a single price may be.</summary>
    public static bool IsPrice(decimal amount) => IsAmount(amount) && amount <= Limits.MaxPrice;

    /// <summary>An amount in whole cents, as the payment provider takes it: exact decimal arithmetic, never floating point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or has more than two decimals.</exception>
    public static long ToCents(decimal amount) => IsAmount(amount)
        ? decimal.ToInt64(amount * 100m)
        : throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Money is whole cents, not negative: at most {Limits.MoneyDecimals} decimals.");

    /// <summary>Whole cents back as the amount of money they are.</summary>
    public static decimal FromCents(long cents) => cents / 100m;
}
