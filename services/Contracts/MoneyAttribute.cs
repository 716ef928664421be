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
}
