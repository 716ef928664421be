namespace Ecommerce.Contracts;

/// <summary>
/// A product's stock as an admin sees it: units on hand, units reserved by orders not yet shipped, and what is left to
/// reserve (<c>available</c> = <c>onHand</c> − <c>reserved</c>, never below 0). <c>version</c> is its ETag.
/// </summary>
public sealed record StockRecord(string ProductId, int OnHand, int Reserved, int Available, long Version);
