using Ecommerce.Storefront.Shop;

namespace Ecommerce.Storefront.Tests;

public sealed class SentencesTests
{
    [Theory]
    [InlineData(0, "The shop cannot be reached just now. Check your connection, then try again.")]
    [InlineData(401, "Please sign in first.")]
    [InlineData(403, "Your account may not do that.")]
    [InlineData(404, "That could not be found: it may have been removed.")]
    [InlineData(412, "Someone changed this product while you were editing it. Reload it to see their changes, then edit again.")]
    [InlineData(500, "Something went wrong on our side. Please try again in a moment.")]
    [InlineData(503, "The shop is busy just now. Please try again in a moment.")]
    public void Each_status_a_shopper_can_meet_reads_as_a_sentence(int status, string sentence) =>
        Assert.Equal(sentence, Sentences.For(ApiProblem.Of(status)));

    [Theory]
    [InlineData(503, false, true)]
    [InlineData(409, true, true)]
    [InlineData(409, false, false)]
    [InlineData(400, false, false)]
    [InlineData(0, false, true)]
    public void Only_a_checkout_that_may_succeed_unchanged_is_offered_again(int status, bool retryAfter, bool offered) =>
        Assert.Equal(offered, Sentences.CanRetryCheckout(ApiProblem.Of(status) with { RetryLater = retryAfter }));

    [Theory]
    [InlineData("items[1].productId", "Case is no longer sold. Remove it from your basket to go on.")]
    [InlineData("items[1]", "Case is no longer sold. Remove it from your basket to go on.")]
    [InlineData("items[2].productId", "Cable is no longer sold.")]
    [InlineData("items[7].productId", "The shop could not accept your basket. Not in the catalogue.")]
    [InlineData("items[0].quantity", "The shop could not accept your basket. Not in the catalogue.")]
    public void A_refused_basket_names_the_line_the_server_named(string key, string sentence)
    {
        var problem = ApiProblem.Invalid(new Dictionary<string, string[]> { [key] = ["Not in the catalogue."] });

        Assert.Equal(sentence, Sentences.ForBasket(problem, ["Aurora X", "Case"], added: "Cable"));
    }
}
