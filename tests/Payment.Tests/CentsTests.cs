using Ecommerce.Contracts;

namespace Ecommerce.Payments.Tests;

/// <summary>Money to the provider's cents and back, in decimal arithmetic only.</summary>
public sealed class CentsTests
{
    [Theory]
    [InlineData("25.99", 2599)]
    [InlineData("0.1", 10)]
    [InlineData("0.10", 10)]
    [InlineData("0.01", 1)]
    [InlineData("0", 0)]
    [InlineData("1000000", 100000000)]
    [InlineData("100000000.00", 10000000000)]
    [InlineData("0.29", 29)]
    [InlineData("1.005e2", 10050)]
    public void An_amount_becomes_its_exact_cents(string amount, long cents) =>
        Assert.Equal(cents, Money.ToCents(decimal.Parse(amount, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("25.999")]
    [InlineData("0.001")]
    [InlineData("-0.01")]
    public void An_amount_of_fractions_of_a_cent_or_below_zero_is_refused(string amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.ToCents(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(2599, "25.99")]
    [InlineData(10, "0.1")]
    [InlineData(0, "0")]
    public void Cents_become_the_amount_they_are(long cents, string amount) =>
        Assert.Equal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Money.FromCents(cents));

    [Fact]
    public void Every_cent_up_to_a_thousand_dollars_goes_there_and_back() =>
        Assert.All(Enumerable.Range(0, 100_001), cents => Assert.Equal(cents, Money.ToCents(Money.FromCents(cents))));
}
