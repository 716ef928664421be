using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Ecommerce.LocalCloud.Stripe;

/// <summary>An answer as it goes back on the wire, kept whole for an idempotent replay.</summary>
public sealed record StripeAnswer(int StatusCode, byte[] Body, bool Replayed = false)
{
    public static StripeAnswer Of<T>(T value, JsonTypeInfo<T> typeInfo) =>
        new(StatusCodes.Status200OK, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    public static StripeAnswer Of(StripeApiException error) =>
        new(error.StatusCode, JsonSerializer.SerializeToUtf8Bytes(new StripeErrorBody(error.Detail), StripeJsonContext.Default.StripeErrorBody));
}

/// <summary>A card as the payment intent's confirmation needs it: never its number.</summary>
internal sealed record StoredPaymentMethod(PaymentMethod Method, CardDecline? Decline);

/// <summary>
/// One test-mode Stripe account, in memory: its payment methods, payment intents and the answers saved under
/// idempotency keys. Calls run one at a time, so a retry that races its first attempt waits for it and replays it.
/// </summary>
public sealed class StripeAccount(TimeProvider time)
{
    private static readonly string[] Cancelable = ["requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing"];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredPaymentMethod> _methods = new(StringComparer.Ordinal);
    private readonly List<PaymentIntent> _intents = [];
    private readonly Dictionary<string, (string Request, string Fingerprint, StripeAnswer Answer)> _answers = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs a call whose parameters passed validation. Under an idempotency key, the first answer (error or not) is
    /// saved and answered again to the same request with the same parameters; other parameters are an idempotency_error.
    /// </summary>
    public StripeAnswer Run(string request, StripeForm form, string? idempotencyKey, Func<StripeAnswer> call)
    {
        lock (_gate)
        {
            var fingerprint = form.Fingerprint();
            if (idempotencyKey is not null && _answers.TryGetValue(idempotencyKey, out var saved))
            {
                return saved.Request == request && saved.Fingerprint == fingerprint
                    ? saved.Answer with { Replayed = true }
                    : StripeAnswer.Of(new StripeApiException(StatusCodes.Status400BadRequest, new StripeErrorDetail("idempotency_error",
                        $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{idempotencyKey}' if you meant to execute a different request.")));
            }

            StripeAnswer answer;
            try
            {
                answer = call();
            }
            catch (StripeApiException error)
            {
                answer = StripeAnswer.Of(error);
            }

            if (idempotencyKey is not null)
            {
                _answers[idempotencyKey] = (request, fingerprint, answer);
            }

            return answer;
        }
    }

    public PaymentMethod CreatePaymentMethod(string number, int expMonth, int expYear)
    {
        if (!TestCards.PassesLuhn(number))
        {
            throw StripeApiException.Card("incorrect_number", "Your card number is incorrect.", "card[number]");
        }

        var method = new PaymentMethod(NewId("pm"), new Card(TestCards.BrandOf(number), number[^4..], expMonth, expYear, "credit"), Now());
        _methods[method.Id] = new StoredPaymentMethod(method, TestCards.DeclineOf(number));
        return method;
    }

    public PaymentMethod GetPaymentMethod(string id) =>
        _methods.TryGetValue(id, out var stored) ? stored.Method : throw StripeApiException.Missing("PaymentMethod", id, "payment_method");

    public PaymentIntent CreatePaymentIntent(long amount, string currency, string? paymentMethodId, string captureMethod, bool confirm, IReadOnlyDictionary<string, string> metadata)
    {
        // As in Stripe, a ready-made test payment method is copied into a payment method of the account's own.
        if (paymentMethodId is not null && TestCards.NumberOf(paymentMethodId) is { } number)
        {
            paymentMethodId = CreatePaymentMethod(number, 12, time.GetUtcNow().Year + 1).Id;
        }

        var method = paymentMethodId is null ? null
            : _methods.GetValueOrDefault(paymentMethodId) ?? throw StripeApiException.Missing("PaymentMethod", paymentMethodId, "payment_method");
        var intent = new PaymentIntent(NewId("pi"), amount, 0, 0, currency, method is null ? "requires_payment_method" : "requires_confirmation",
            captureMethod, paymentMethodId, null, metadata, Now());
        if (confirm && method is not null)
        {
            intent = Confirm(intent, method);
        }

        _intents.Add(intent);
        if (intent.LastPaymentError is { } declined)
        {
            throw new StripeApiException(StatusCodes.Status402PaymentRequired, declined with { PaymentIntent = intent });
        }

        return intent;
    }

    public PaymentIntent GetPaymentIntent(string id) =>
        _intents.Find(intent => intent.Id == id) ?? throw StripeApiException.Missing("payment_intent", id, "intent");

    public PaymentIntent Capture(string id, long? amountToCapture)
    {
        var intent = GetPaymentIntent(id);
        if (intent.Status != "requires_capture")
        {
            throw UnexpectedState(intent, $"This PaymentIntent could not be captured because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.");
        }

        if (amountToCapture > intent.AmountCapturable)
        {
            throw StripeApiException.InvalidRequest("The amount to capture must be less than or equal to the amount capturable.", "amount_too_large", "amount_to_capture");
        }

        return Replace(intent with { Status = "succeeded", AmountReceived = amountToCapture ?? intent.AmountCapturable, AmountCapturable = 0 });
    }

    public PaymentIntent Cancel(string id, string? reason)
    {
        var intent = GetPaymentIntent(id);
        if (!Cancelable.Contains(intent.Status))
        {
            throw UnexpectedState(intent, $"You cannot cancel this PaymentIntent because it has a status of {intent.Status}. Only a PaymentIntent with one of the following statuses may be canceled: {string.Join(", ", Cancelable)}.");
        }

        return Replace(intent with { Status = "canceled", AmountCapturable = 0, CanceledAt = Now(), CancellationReason = reason });
    }

    /// <summary>Every payment intent, newest first, or those whose metadata holds every pair of <paramref name="metadata"/>.</summary>
    public IReadOnlyList<PaymentIntent> PaymentIntents(IReadOnlyDictionary<string, string> metadata)
    {
        lock (_gate)
        {
            return [.. Enumerable.Reverse(_intents).Where(intent => metadata.All(pair => intent.Metadata.GetValueOrDefault(pair.Key) == pair.Value))];
        }
    }

    /// <summary>
    /// One page of the payment intents created within <paramref name="created"/>, newest first, after the one with id
    /// <paramref name="startingAfter"/>, and whether more follow, as Stripe pages a list.
    /// </summary>
    public (IReadOnlyList<PaymentIntent> Page, bool HasMore) PaymentIntentsPage(CreatedRange created, string? startingAfter, int limit)
    {
        var newestFirst = Enumerable.Reverse(_intents).Where(intent => created.Holds(intent.Created)).ToList();
        var start = 0;
        if (startingAfter is not null)
        {
            start = newestFirst.FindIndex(intent => intent.Id == startingAfter) + 1;
            if (start == 0)
            {
                throw StripeApiException.Missing("payment_intent", startingAfter, "starting_after");
            }
        }

        return ([.. newestFirst.Skip(start).Take(limit)], newestFirst.Count > start + limit);
    }

    public void Clear()
    {
        lock (_gate)
        {
            _methods.Clear();
            _intents.Clear();
            _answers.Clear();
        }
    }

    private static PaymentIntent Confirm(PaymentIntent intent, StoredPaymentMethod method)
    {
        var charge = NewId("ch");
        if (method.Decline is { } decline)
        {
            var error = new StripeErrorDetail("card_error", decline.Message, decline.Code, decline.DeclineCode);
            return intent with { Status = "requires_payment_method", LatestCharge = charge, LastPaymentError = error };
        }

        return intent.CaptureMethod == "manual"
            ? intent with { Status = "requires_capture", AmountCapturable = intent.Amount, LatestCharge = charge }
            : intent with { Status = "succeeded", AmountReceived = intent.Amount, LatestCharge = charge };
    }

    private PaymentIntent Replace(PaymentIntent intent)
    {
        _intents[_intents.FindIndex(existing => existing.Id == intent.Id)] = intent;
        return intent;
    }

    private static StripeApiException UnexpectedState(PaymentIntent intent, string message) =>
        new(StatusCodes.Status400BadRequest, new StripeErrorDetail("invalid_request_error", message, "payment_intent_unexpected_state", PaymentIntent: intent));

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();

    private static string NewId(string prefix) => $"{prefix}_{RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 24)}";
}
