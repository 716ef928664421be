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
    public void The_checkout_form_sends_the_card_number_as_digits_only()
    {
        var form = new CheckoutForm { FirstName = " Ada ", LastName = "Lovelace", Email = "ada@example.com", Address = "London", CardInfo = "4111-1111 1111-1111" };

        var checkout = form.ToInput("ada");

        Assert.Equal("4111111111111111", checkout.CardInfo);
        Assert.Equal("Ada", checkout.FirstName);
        Assert.Empty(ContractRules.Check(checkout));
    }

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
