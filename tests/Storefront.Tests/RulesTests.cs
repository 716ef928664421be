using Ecommerce.Contracts;
using Ecommerce.Storefront.Forms;
using Ecommerce.Storefront.Shop;

namespace Ecommerce.Storefront.Tests;

/// <summary>The forms' rules are the contract's attributes, and basket changes keep to the contract's limits.</summary>
public sealed class RulesTests
{
    [Fact]
    public void A_product_is_checked_by_the_contracts_attributes_and_keyed_by_json_name()
    {
        var errors = ContractRules.Check(new ProductInput(new string('x', Limits.ProductName + 1), null, null, -1m, "Phones"));

        Assert.Equal(["name", "price"], errors.Keys.Order());
        Assert.Contains("The Price field must be between 0 and 1000000", errors["price"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_product_has_no_errors() =>
        Assert.Empty(ContractRules.Check(new ProductInput("Aurora X", "A phone", null, 499.99m, "Phones")));

    [Fact]
    public void The_checkout_form_sends_the_payment_method_id_and_no_card()
    {
        var form = new CheckoutForm { FirstName = " Ada ", LastName = "Lovelace", Email = "ada@example.com", Address = "London" };

        var checkout = form.ToInput("ada", "pm_1");

        Assert.Equal(("Ada", "pm_1"), (checkout.FirstName, checkout.PaymentMethodId));
        Assert.Null(checkout.CardInfo);
        Assert.Empty(ContractRules.Check(checkout));
        Assert.Empty(form.Check("ada"));
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", "4111111111111111")]
    [InlineData("4111-1111-1111-1111", "4111111111111111")]
    public void A_card_number_goes_to_the_provider_as_digits_only(string typed, string digits) =>
        Assert.Equal(digits, new CardDetails { Number = typed }.Digits);

    [Theory]
    [InlineData("04/30", 4, 2030)]
    [InlineData("12 / 2031", 12, 2031)]
    public void An_expiry_date_reads_as_month_and_year(string typed, int month, int year) =>
        Assert.Equal((month, year), new CardDetails { Expiry = typed }.ExpiryDate);

    [Theory]
    [InlineData("13/30")]
    [InlineData("0430")]
    [InlineData("04/3")]
    [InlineData(null)]
    public void An_expiry_date_not_as_mm_yy_does_not_read(string? typed) =>
        Assert.Null(new CardDetails { Expiry = typed }.ExpiryDate);

    private static readonly Basket Basket = new("ada", [new LineItem("p1", "Aurora X", "Black", 999, 1m)], 999m);

    [Fact]
    public void Adding_a_product_already_in_the_basket_adds_to_its_line_up_to_the_most_a_line_may_hold()
    {
        var added = BasketChanges.Add(Basket, "p1", "Black", 5);

        var line = Assert.Single(added.Items!);
        Assert.Equal(Limits.MaxQuantity, line.Quantity);
    }

    [Fact]
    public void Adding_the_same_product_in_another_colour_makes_a_new_line()
    {
        var added = BasketChanges.Add(Basket, "p1", "White", 1);

        Assert.Equal([("p1", "Black", 999), ("p1", "White", 1)], added.Items!.Select(line => (line.ProductId!, line.Color!, line.Quantity!.Value)));
    }
}
