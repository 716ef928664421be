using Ecommerce.Contracts;

namespace Ecommerce.Storefront.Shop;

/// <summary>What a shopper reads when a call fails: a sentence that says what happened and what to do, never a code.</summary>
public static class Sentences
{
    public const string Unreachable = "The shop cannot be reached just now. Check your connection, then try again.";

    public const string ProductGone = "This product is no longer in the catalogue.";

    public const string FieldsToCorrect = "Some details need another look: see the messages beside them.";

    public static string For(ApiProblem problem, string? notFound = null) => problem.Status switch
    {
        0 => Unreachable,
        400 when problem.Errors.Count > 0 => FieldsToCorrect,
        400 => "The shop could not accept that. Check what you entered, then try again.",
        401 => "Please sign in first.",
        403 => "Your account may not do that.",
        404 => notFound ?? "That could not be found: it may have been removed.",
        412 => "Someone changed this product while you were editing it. Reload it to see their changes, then edit again.",
        413 => "That is too large for the shop to accept.",
        429 or 503 => "The shop is busy just now. Please try again in a moment.",
        _ => "Something went wrong on our side. Please try again in a moment.",
    };

    /// <summary>Checkout's own cases: 503 and a 409 with Retry-After are worth the same request again, with the same key.</summary>
    public static string ForCheckout(ApiProblem problem) => problem.Status switch
    {
        404 => "Your basket is empty. Add something to it first.",
        409 when problem.RetryLater => "Your order is still being placed. Try again in a moment: it will be placed only once.",
        409 => "Your basket is empty, or a product in it is no longer sold. Check your basket, then try again.",
        503 => "We could not place your order just now. Your basket is kept: try again, and your order will be placed only once.",
        _ => For(problem),
    };

    /// <summary>True when the same checkout, sent again with the same Idempotency-Key, may succeed.</summary>
    public static bool CanRetryCheckout(ApiProblem problem) =>
        problem.Status is 0 or 503 || (problem.Status == 409 && problem.RetryLater);

    /// <summary>
    /// A basket the server would not save. When it names a line with a product no longer sold, the sentence names
    /// the product: one of <paramref name="savedLines"/> (the basket's lines, by product name) or the one being
    /// <paramref name="added"/> after them.
    /// </summary>
    public static string ForBasket(ApiProblem problem, IReadOnlyList<string?> savedLines, string? added = null) =>
        (problem.Status, LineNamed(problem)) switch
        {
            (400, int line) when line < savedLines.Count =>
                $"{savedLines[line] ?? "A product in your basket"} is no longer sold. Remove it from your basket to go on.",
            (400, int line) when line == savedLines.Count && added is not null => $"{added} is no longer sold.",
            (400, _) => $"The shop could not accept your basket. {string.Join(" ", problem.Errors.Values.SelectMany(messages => messages))}".TrimEnd(),
            _ => For(problem),
        };

    public static string Quantity { get; } = $"Choose a quantity from {Limits.MinQuantity} to {Limits.MaxQuantity}.";

    // The server names an unknown product's line as items[i] or items[i].productId.
    private static int? LineNamed(ApiProblem problem)
    {
        foreach (var key in problem.Errors.Keys)
        {
            var end = key.IndexOf(']', StringComparison.Ordinal);
            if (key.StartsWith("items[", StringComparison.Ordinal) && end > 6
                && key[(end + 1)..] is "" or ".productId"
                && int.TryParse(key.AsSpan(6, end - 6), out var index))
            {
                return index;
            }
        }

        return null;
    }
}
