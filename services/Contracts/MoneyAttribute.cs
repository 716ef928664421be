using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>A price: 0 to <see cref="Limits.MaxPrice"/> with at most two decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MoneyAttribute() : ValidationAttribute("The {0} field must be between 0 and 1000000 with at most 2 decimals.")
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
    public static bool IsAmount(decimal amount) => amount >= 0m && amount == decimal.Round(amount, 2);

    /// <summary>An amount a single price may be.</summary>
    public static bool IsPrice(decimal amount) => IsAmount(amount) && amount <= Limits.MaxPrice;
}
