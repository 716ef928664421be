using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>A collection without null elements: <c>"items":[null]</c> is a client's mistake, not an empty line.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class NoNullElementsAttribute() : ValidationAttribute("The {0} field must not contain null elements.")
{
    public override bool IsValid(object? value) => value is not IEnumerable elements || elements.Cast<object?>().All(e => e is not null);
}
