using System.ComponentModel.DataAnnotations;

namespace Ecommerce.Contracts;

/// <summary>What an admin sends to set a product's units on hand, as counted; what is reserved stays reserved.</summary>
public sealed record SetStockInput([Required, Range(0, Limits.MaxOnHand)] int? OnHand);
