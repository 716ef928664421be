using System.Security.Cryptography;
using System.Text;

namespace Ecommerce.LocalCloud.Stripe;

/// <summary>
/// The subset of Stripe's API the shop uses, at <c>/stripe</c> on the edge (Stripe.net's <c>apiBase</c>): payment methods
/// and manual-capture payment intents, with Stripe's keys, form encoding, errors and idempotency. Faults are LocalCloud's,
/// by operation name (<c>CreatePaymentIntent</c>, ...), and happen before a call runs, so nothing of them is saved.
/// </summary>
public static class StripeApi
{
    private const int MaxIdempotencyKeyLength = 255;

    public static IServiceCollection AddStripe(this IServiceCollection services) => services.AddSingleton<StripeAccount>();

    public static void MapStripe(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/stripe/v1").ExcludeFromDescription();
        v1.MapPost("/payment_methods", (HttpContext context) => HandleAsync(context, "CreatePaymentMethod", Key.Publishable, CreatePaymentMethod));
        v1.MapGet("/payment_methods/{id}", (HttpContext context, string id) =>
            HandleAsync(context, "GetPaymentMethod", Key.Secret, (form, account) => () => Ok(account.GetPaymentMethod(id))));
        v1.MapPost("/payment_intents", (HttpContext context) => HandleAsync(context, "CreatePaymentIntent", Key.Secret, CreatePaymentIntent));
        v1.MapGet("/payment_intents", (HttpContext context) => HandleAsync(context, "ListPaymentIntents", Key.Secret, ListPaymentIntents));
        v1.MapGet("/payment_intents/{id}", (HttpContext context, string id) =>
            HandleAsync(context, "GetPaymentIntent", Key.Secret, (form, account) => () => Ok(account.GetPaymentIntent(id))));
        v1.MapPost("/payment_intents/{id}/capture", (HttpContext context, string id) =>
            HandleAsync(context, "CapturePaymentIntent", Key.Secret, (form, account) =>
            {
                var amount = form.Allowing("amount_to_capture").Integer("amount_to_capture");
                return () => Ok(account.Capture(id, amount));
            }));
        v1.MapPost("/payment_intents/{id}/cancel", (HttpContext context, string id) =>
            HandleAsync(context, "CancelPaymentIntent", Key.Secret, (form, account) =>
            {
                var reason = form.Allowing("cancellation_reason").OneOf("cancellation_reason", "duplicate", "fraudulent", "requested_by_customer", "abandoned");
                return () => Ok(account.Cancel(id, reason));
            }));

        // For a reconciler and tests: what the provider holds, filtered by metadata as ?metadata[orderId]=...
        app.MapGet("/_localcloud/stripe/payment_intents", (HttpRequest request, StripeAccount account) =>
        {
            var metadata = new StripeForm(request.Query.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal)).Metadata();
            return TypedResults.Json(new PaymentIntentList(account.PaymentIntents(metadata), HasMore: false), StripeJsonContext.Default.PaymentIntentList);
        }).ExcludeFromDescription();
    }

    private enum Key
    {
        Publishable,
        Secret,
    }

    /// <summary>Validates a request's parameters (errors then are not saved under its idempotency key) and returns the call to run.</summary>
    private delegate Func<StripeAnswer> Prepare(StripeForm form, StripeAccount account);

    private static Func<StripeAnswer> CreatePaymentMethod(StripeForm form, StripeAccount account)
    {
        form.Allowing("type", "card[number]", "card[exp_month]", "card[exp_year]", "card[cvc]", "metadata");
        if (form.Required("type") != "card")
        {
            throw StripeApiException.InvalidRequest("LocalCloud makes payment methods of type card only.", "parameter_invalid_string", "type");
        }

        var number = form.Required("card[number]").Replace(" ", "", StringComparison.Ordinal);
        var month = form.Integer("card[exp_month]") ?? throw StripeApiException.InvalidRequest("Missing required param: card[exp_month].", "parameter_missing", "card[exp_month]");
        var year = form.Integer("card[exp_year]") ?? throw StripeApiException.InvalidRequest("Missing required param: card[exp_year].", "parameter_missing", "card[exp_year]");
        var cvc = form.Text("card[cvc]");
        return () =>
        {
            if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit))
            {
                throw StripeApiException.Card("invalid_number", "Your card number is not a valid credit card number.", "card[number]");
            }

            var now = DateTime.UtcNow;
            if (month is < 1 or > 12)
            {
                throw StripeApiException.Card("invalid_expiry_month", "Your card's expiration month is invalid.", "card[exp_month]");
            }

            if (year < now.Year || year > now.Year + 50 || (year == now.Year && month < now.Month))
            {
                throw StripeApiException.Card("invalid_expiry_year", "Your card's expiration year is invalid.", "card[exp_year]");
            }

            if (cvc is not null && (cvc.Length is < 3 or > 4 || !cvc.All(char.IsAsciiDigit)))
            {
                throw StripeApiException.Card("invalid_cvc", "Your card's security code is invalid.", "card[cvc]");
            }

            return Ok(account.CreatePaymentMethod(number, (int)month, (int)year));
        };
    }

    private static Func<StripeAnswer> CreatePaymentIntent(StripeForm form, StripeAccount account)
    {
        form.Allowing("amount", "currency", "payment_method", "capture_method", "confirm", "metadata");
        var amount = form.Integer("amount") ?? throw StripeApiException.InvalidRequest("Missing required param: amount.", "parameter_missing", "amount");
        var currency = form.Required("currency").ToLowerInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterLower))
        {
            throw StripeApiException.InvalidRequest($"Invalid currency: {currency}.", "parameter_invalid_string", "currency");
        }

        if (amount < 1 || (currency == "usd" && amount < 50))
        {
            throw StripeApiException.InvalidRequest($"Amount must be at least $0.50 usd", "amount_too_small", "amount");
        }

        if (amount > 99_999_999)
        {
            throw StripeApiException.InvalidRequest("Amount must be no more than $999,999.99", "amount_too_large", "amount");
        }

        var paymentMethod = form.Text("payment_method");
        var confirm = form.Boolean("confirm") ?? false;
        if (confirm && paymentMethod is null)
        {
            throw StripeApiException.InvalidRequest("You cannot confirm this PaymentIntent because it's missing a payment method.", "parameter_missing", "payment_method");
        }

        var captureMethod = form.OneOf("capture_method", "automatic", "automatic_async", "manual") ?? "automatic_async";
        var metadata = form.Metadata();
        return () => Ok(account.CreatePaymentIntent(amount, currency, paymentMethod, captureMethod, confirm, metadata));
    }

    /// <summary>Stripe's list of payment intents: newest first, <c>limit</c> (1 to 100, 10 unless given) at a time after <c>starting_after</c>, within <c>created[...]</c>.</summary>
    private static Func<StripeAnswer> ListPaymentIntents(StripeForm form, StripeAccount account)
    {
        form.Allowing("limit", "starting_after", "created[gte]", "created[gt]", "created[lte]", "created[lt]");
        var limit = form.Integer("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeApiException.InvalidRequest("This value must be greater than or equal to 1 and less than or equal to 100.", "parameter_invalid_integer", "limit");
        }

        var created = new CreatedRange(form.Integer("created[gte]"), form.Integer("created[gt]"), form.Integer("created[lte]"), form.Integer("created[lt]"));
        var startingAfter = form.Text("starting_after");
        return () =>
        {
            var (page, hasMore) = account.PaymentIntentsPage(created, startingAfter, (int)limit);
            return StripeAnswer.Of(new PaymentIntentList(page, hasMore), StripeJsonContext.Default.PaymentIntentList);
        };
    }

    private static async Task HandleAsync(HttpContext context, string operation, Key needs, Prepare prepare)
    {
        var services = context.RequestServices;
        var account = services.GetRequiredService<StripeAccount>();
        var logger = services.GetRequiredService<ILogger<StripeAccount>>();
        context.Response.Headers["Request-Id"] = $"req_{RandomNumberGenerator.GetHexString(24, lowercase: true)}";
        StripeAnswer answer;
        try
        {
            answer = await RunAsync(context, operation, needs, prepare, account, services.GetRequiredService<Faults>());
        }
        catch (StripeApiException error)
        {
            answer = StripeAnswer.Of(error);
            await WriteAsync(context, answer);
        }
        catch (AwsException fault)
        {
            answer = StripeAnswer.Of(new StripeApiException(fault.StatusCode, new StripeErrorDetail(fault.Code, fault.Message)));
            await WriteAsync(context, answer);
        }

        logger.StripeCall(operation, answer.StatusCode, answer.Replayed);
    }

    private static async Task<StripeAnswer> RunAsync(HttpContext context, string operation, Key needs, Prepare prepare, StripeAccount account, Faults faults)
    {
        StripeAnswer? answer = null;
        await faults.RunAsync(operation, context, async () =>
        {
            Authenticate(context.Request, needs);
            var request = context.Request;
            var form = request.Method == HttpMethods.Post ? await StripeForm.ReadAsync(request)
                : new StripeForm(request.Query.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal));
            var idempotencyKey = request.Method == HttpMethods.Post ? request.Headers["Idempotency-Key"].ToString() : "";
            if (idempotencyKey.Length > MaxIdempotencyKeyLength)
            {
                throw StripeApiException.InvalidRequest($"Idempotency keys are at most {MaxIdempotencyKeyLength} characters long.", param: "Idempotency-Key");
            }

            var call = prepare(form, account);
            answer = account.Run($"{request.Method} {request.Path}", form, idempotencyKey.Length == 0 ? null : idempotencyKey, call);
            // Written here, inside the fault's scope, so that a delay holds back this very answer.
            await WriteAsync(context, answer);
        });
        return answer!;
    }

    private static void Authenticate(HttpRequest request, Key needs)
    {
        var key = ApiKey(request.Headers.Authorization.ToString())
            ?? throw StripeApiException.Unauthorized("You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').");
        var isSecret = key.StartsWith("sk_test_", StringComparison.Ordinal) && key.Length > "sk_test_".Length;
        var isPublishable = key.StartsWith("pk_test_", StringComparison.Ordinal) && key.Length > "pk_test_".Length;
        if (!isSecret && !isPublishable)
        {
            throw StripeApiException.Unauthorized($"Invalid API Key provided: {Masked(key)}. LocalCloud takes test-mode keys only (sk_test_..., pk_test_...).");
        }

        if (needs == Key.Secret && !isSecret)
        {
            throw StripeApiException.Unauthorized("This API call cannot be made with a publishable API key. Please use a secret API key.");
        }
    }

    /// <summary>The key of a Bearer header, as Stripe.net sends it, or of a Basic one (the user name), as curl -u sends it.</summary>
    private static string? ApiKey(string authorization)
    {
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim() is { Length: > 0 } bearer ? bearer : null;
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var user = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim())).Split(':')[0];
                return user.Length > 0 ? user : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private static string Masked(string key) => key.Length <= 12 ? new string('*', key.Length) : $"{key[..8]}{new string('*', key.Length - 12)}{key[^4..]}";

    private static StripeAnswer Ok(PaymentMethod method) => StripeAnswer.Of(method, StripeJsonContext.Default.PaymentMethod);

    private static StripeAnswer Ok(PaymentIntent intent) => StripeAnswer.Of(intent, StripeJsonContext.Default.PaymentIntent);

    private static async Task WriteAsync(HttpContext context, StripeAnswer answer)
    {
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = "application/json";
        if (answer.Replayed)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        await context.Response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
