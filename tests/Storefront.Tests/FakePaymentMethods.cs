using Ecommerce.Storefront.Shop;
using Microsoft.AspNetCore.Components;

namespace Ecommerce.Storefront.Tests;

/// <summary>The payment provider's seam, faked: answers queued in turn (the last again and again), every card kept.</summary>
public sealed class FakePaymentMethods : IPaymentMethods
{
    private readonly Queue<PaymentMethodResult> _answers = new([new PaymentMethodResult("pm_test_1", null)]);

    public List<(string Digits, (int Month, int Year)? Expiry, string? Cvc)> Cards { get; } = [];

    public FakePaymentMethods Answer(params PaymentMethodResult[] answers)
    {
        _answers.Clear();
        foreach (var answer in answers)
        {
            _answers.Enqueue(answer);
        }

        return this;
    }

    public bool DrawsCardFields => false;

    public Task MountAsync(ElementReference host, decimal amount) => Task.CompletedTask;

    public Task<PaymentMethodResult> CreateAsync(CardDetails card)
    {
        Cards.Add((card.Digits, card.ExpiryDate, card.Cvc));
        return Task.FromResult(_answers.Count > 1 ? _answers.Dequeue() : _answers.Peek());
    }
}
