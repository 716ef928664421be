using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Shared.Validation;

/// <summary>An amount of money: 0 to 1,000,000 with at most two decimals.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MoneyAttribute() : ValidationAttribute("The {0} field must be between 0 and 1000000 with at most 2 decimals.")
{
    public const decimal Max = 1_000_000m;

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        decimal amount => amount is >= 0m and <= Max && amount == decimal.Round(amount, 2),
        _ => false,
    };
}
