extern alias basket;
extern alias ordering;

using System.ComponentModel.DataAnnotations;
using Ecommerce.Contracts;
using Ecommerce.Shared.Events;
using Ecommerce.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;
using BasketProgram = basket::Program;
using CheckoutEventRules = ordering::Ecommerce.Ordering.Events.CheckoutEventRules;

namespace Ecommerce.EndToEnd.Tests;

/// <summary>
/// The two sides of the checkout event hold one contract: Ordering's consumer accepts exactly the
/// events Basket could have published, at every limit. Basket's side is its own validation of the
/// basket and the checkout (the source-generated validation its endpoints run), plus what Basket
/// takes from the catalogue (a product's name and price, within the catalogue's own limits) and what it
/// makes itself: a GUID checkout id, the total of the lines, the time. No card data is on either side.
/// </summary>
[Collection(LocalEdgeDefinition.Name)]
public sealed class CheckoutContractTests(LocalEdge edge) : IDisposable
{
    private static readonly Dictionary<string, Func<CheckoutBasketEvent, CheckoutBasketEvent>> Variations = BuildVariations();

    private readonly ServiceFactory<BasketProgram> _basket = new(edge);

    public static TheoryData<string> Cases => [.. Variations.Keys];

    private ValidationOptions Validation => _basket.Services.GetRequiredService<IOptions<ValidationOptions>>().Value;

    public void Dispose() => _basket.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_consumer_accepts_a_checkout_event_exactly_when_Basket_could_have_published_it(string name)
    {
        var checkout = Variations[name](Valid());

        var basketCouldPublish = await BasketCouldPublishAsync(checkout);

        Assert.Equal(basketCouldPublish, CheckoutEventRules.IsValid(checkout));
    }

    [Fact]
    public async Task The_cases_hold_events_on_both_sides_of_the_contract()
    {
        var verdicts = await Task.WhenAll(Variations.Values.Select(vary => BasketCouldPublishAsync(vary(Valid()))));

        Assert.Contains(true, verdicts);
        Assert.Contains(false, verdicts);
    }

    private async Task<bool> BasketCouldPublishAsync(CheckoutBasketEvent checkout)
    {
        if (checkout.Items is not { Count: > 0 } items || items.Any(i => i is null))
        {
            return false; // an empty basket is refused at checkout; a null line is refused on save
        }

        var basket = new BasketInput(checkout.UserName, [.. items.Select(i => new BasketItemInput(i.ProductId, i.Color, i.Quantity))]);
        var namedAndPricedByTheCatalogue = items.All(i => PlainText.IsRequiredText(i.ProductName, Limits.ProductName) && Money.IsPrice(i.Price));
        var details = new CheckoutInput(
            checkout.UserName, checkout.FirstName, checkout.LastName, checkout.Email, checkout.Address, checkout.PaymentMethodId);

        return namedAndPricedByTheCatalogue && await IsValidAsync(basket) && await IsValidAsync(details)
            && Guid.TryParse(checkout.CheckoutId, out _)
            && checkout.TotalPrice == LineItem.Total(items)
            && CheckoutBasketEvent.IsValidTime(checkout.CheckedOutAt);
    }

    // The validation Basket's endpoints run, generated for its inputs; .NET 10 marks its API as for evaluation.
#pragma warning disable ASP0029
    private async Task<bool> IsValidAsync<T>(T input)
    {
        var validation = Validation;
        Assert.True(validation.TryGetValidatableTypeInfo(typeof(T), out var info), $"Basket validates {typeof(T).Name}");
        var context = new ValidateContext
        {
            ValidationContext = new ValidationContext(input!, _basket.Services, null),
            ValidationOptions = validation,
        };
        await info.ValidateAsync(input, context, CancellationToken.None);
        return context.ValidationErrors is not { Count: > 0 };
    }
#pragma warning restore ASP0029

    private static CheckoutBasketEvent Valid() => new(
        Guid.CreateVersion7().ToString(),
        "ada",
        21m,
        [new LineItem("p1", "Kettle", "Black", 2, 10.25m), new LineItem("p2", "Mug", null, 1, 0.5m)],
        "Ada",
        "Lovelace",
        "ada@example.com",
        "12 St James's Square\nLondon",
        "pm_card_visa",
        CheckoutBasketEvent.FormatTime(DateTimeOffset.UtcNow));

    private static Dictionary<string, Func<CheckoutBasketEvent, CheckoutBasketEvent>> BuildVariations()
    {
        var cases = new Dictionary<string, Func<CheckoutBasketEvent, CheckoutBasketEvent>> { ["valid"] = e => e };

        void Text(string field, int limit, Func<CheckoutBasketEvent, string, CheckoutBasketEvent> set)
        {
            cases[$"{field} at its limit"] = e => set(e, new string('a', limit));
            cases[$"{field} over its limit"] = e => set(e, new string('a', limit + 1));
            cases[$"{field} empty"] = e => set(e, "");
            cases[$"{field} blank"] = e => set(e, "   ");
            cases[$"{field} with a control character"] = e => set(e, "a\u001Bb");
            cases[$"{field} with a line break"] = e => set(e, "a\nb");
        }

        Text("userName", Limits.UserName, (e, v) => e with { UserName = v });
        Text("firstName", Limits.FirstName, (e, v) => e with { FirstName = v });
        Text("lastName", Limits.LastName, (e, v) => e with { LastName = v });
        Text("address", Limits.Address, (e, v) => e with { Address = v });
        cases["email at its limit"] = e => e with { Email = new string('a', Limits.Email - "@example.com".Length) + "@example.com" };
        cases["email over its limit"] = e => e with { Email = new string('a', Limits.Email + 1 - "@example.com".Length) + "@example.com" };
        cases["email without an at sign"] = e => e with { Email = "ada.example.com" };
        cases["email with a control character"] = e => e with { Email = "ada\u0007@example.com" };

        cases["payment method id at its limit"] = e => e with { PaymentMethodId = "pm_" + new string('a', Limits.PaymentMethodId - 3) };
        cases["payment method id over its limit"] = e => e with { PaymentMethodId = "pm_" + new string('a', Limits.PaymentMethodId - 2) };
        cases["payment method id empty"] = e => e with { PaymentMethodId = "" };
        cases["payment method id with a dash"] = e => e with { PaymentMethodId = "pm-card" };
        cases["payment method id with a space"] = e => e with { PaymentMethodId = "pm card" };
        cases["payment method id with a letter beyond ASCII"] = e => e with { PaymentMethodId = "pm_caf\u00e9" };
        cases["payment method id with a line break"] = e => e with { PaymentMethodId = "pm_card\n" };

        cases["no lines"] = e => e with { Items = [], TotalPrice = 0m };
        cases["a null line"] = e => e with { Items = [.. e.Items, null!] };
        cases["lines at their limit"] = e => WithLines(e, Enumerable.Repeat(new LineItem("p", "n", "c", 1, 1m), Limits.BasketItems));
        cases["lines over their limit"] = e => WithLines(e, Enumerable.Repeat(new LineItem("p", "n", "c", 1, 1m), Limits.BasketItems + 1));

        LineText("productId", Limits.ProductId, (line, v) => line with { ProductId = v! }, required: true);
        LineText("productName", Limits.ProductName, (line, v) => line with { ProductName = v }, required: false);
        LineText("color", Limits.Color, (line, v) => line with { Color = v }, required: false);
        LineNumber("quantity of zero", line => line with { Quantity = Limits.MinQuantity - 1 });
        LineNumber("quantity at its upper limit", line => line with { Quantity = Limits.MaxQuantity });
        LineNumber("quantity over its range", line => line with { Quantity = Limits.MaxQuantity + 1 });
        LineNumber("price of zero", line => line with { Price = 0m });
        LineNumber("price below zero", line => line with { Price = -0.01m });
        LineNumber("price at its limit", line => line with { Price = Limits.MaxPrice });
        LineNumber("price over its limit", line => line with { Price = Limits.MaxPrice + 0.01m });
        LineNumber("price of a tenth of a cent", line => line with { Price = 1.001m });
        cases["a total over the price limit, as the sum of many dear lines"] = e =>
            WithLines(e, Enumerable.Repeat(new LineItem("p", "n", "c", Limits.MaxQuantity, Limits.MaxPrice), Limits.BasketItems));

        cases["a total that is not the sum of its lines"] = e => e with { TotalPrice = e.TotalPrice + 1m };
        cases["a checkout id that is no GUID"] = e => e with { CheckoutId = "checkout-1" };
        cases["a time without milliseconds"] = e => e with { CheckedOutAt = "2026-01-31T12:00:00Z" };
        return cases;

        void LineText(string field, int limit, Func<LineItem, string?, LineItem> set, bool required)
        {
            cases[$"line {field} at its limit"] = e => WithFirstLine(e, line => set(line, new string('a', limit)));
            cases[$"line {field} over its limit"] = e => WithFirstLine(e, line => set(line, new string('a', limit + 1)));
            cases[$"line {field} with a control character"] = e => WithFirstLine(e, line => set(line, "a\u0000b"));
            cases[$"line {field} blank"] = e => WithFirstLine(e, line => set(line, " "));
            if (!required)
            {
                cases[$"line {field} missing"] = e => WithFirstLine(e, line => set(line, null));
            }
        }

        void LineNumber(string name, Func<LineItem, LineItem> change) =>
            cases[$"line {name}"] = e => WithFirstLine(e, change);
    }

    private static CheckoutBasketEvent WithFirstLine(CheckoutBasketEvent checkout, Func<LineItem, LineItem> change) =>
        WithLines(checkout, [change(checkout.Items[0]), .. checkout.Items.Skip(1)]);

    /// <summary>The lines, with the total Basket would compute for them.</summary>
    private static CheckoutBasketEvent WithLines(CheckoutBasketEvent checkout, IEnumerable<LineItem> lines)
    {
        var items = lines.ToList();
        return checkout with { Items = items, TotalPrice = LineItem.Total(items) };
    }
}
