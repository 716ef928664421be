namespace Ecommerce.Contracts;

/// <summary>The answer to <c>GET /inventory?productIds=</c>: the stock level of each product asked for that is sold; unknown and deleted ones are left out.</summary>
public sealed record Availability(IReadOnlyList<StockLevel> Items);
