namespace Ecommerce.Contracts;

/// <summary>One page of a list: the items and the token of the next page, or null on the last one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextToken);
