namespace Ecommerce.Contracts;

/// <summary>What anyone may know of a product's stock: how many units can still be ordered.</summary>
public sealed record StockLevel(string ProductId, int Available);
