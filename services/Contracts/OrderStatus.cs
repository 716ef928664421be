namespace Ecommerce.Contracts;

/// <summary>Where an order is in its life; Ordering alone moves it on (docs/api.md, "An order's life").</summary>
public enum OrderStatus
{
    Submitted,
    StockReserved,
    Confirmed,
    Shipped,
    Cancelled,
}
