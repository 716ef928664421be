using System.Diagnostics.CodeAnalysis;

namespace Ecommerce.Storefront.Shop;

/// <summary>What a call to the shop's API gave: a value, or the problem that stopped it.</summary>
public readonly record struct ApiResult<T>(T? Value, ApiProblem? Problem)
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Problem is null;

    public static implicit operator ApiResult<T>(T value) => new(value, null);

    public static implicit operator ApiResult<T>(ApiProblem problem) => new(default, problem);
}
