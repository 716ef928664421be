using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>A collection of at most <paramref name="max"/> elements. (MaxLength reflects over Count, which trimming may remove.)</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class MaxCountAttribute(int max) : ValidationAttribute($"The {{0}} field must have at most {max} elements.")
{
    public int Max { get; } = max;

    public override bool IsValid(object? value) => value is not ICollection collection || collection.Count <= Max;
}
