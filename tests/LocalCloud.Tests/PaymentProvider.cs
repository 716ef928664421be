using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ecommerce.TestSupport;
using Stripe;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>LocalCloud's Stripe-shaped provider as the Payment service meets it: Stripe.net with the edge's /stripe as its API base.</summary>
public sealed class PaymentProvider(LocalEdge edge)
{
    public const string SecretKey = "sk_test_localcloud";
    public const string PublishableKey = "pk_test_localcloud";

    /// <summary>The provider is always LocalCloud's, whatever stands in for AWS.</summary>
    public string ApiBase => $"{edge.Cloud.Url}/stripe";

    public StripeClient Client(int maxNetworkRetries = 0, TimeSpan? timeout = null) => new(
        apiKey: SecretKey,
        httpClient: new SystemNetHttpClient(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) }, maxNetworkRetries),
        apiBase: ApiBase);

    public async Task<string> CreatePaymentMethodAsync(string number)
    {
        var method = await new PaymentMethodService(Client()).CreateAsync(
            new PaymentMethodCreateOptions { Type = "card", Card = new PaymentMethodCardOptions { Number = number, ExpMonth = 12, ExpYear = DateTime.UtcNow.Year + 2, Cvc = "123" } },
            new RequestOptions { ApiKey = PublishableKey });
        return method.Id;
    }

    public static PaymentIntentCreateOptions Authorize(string paymentMethodId, string orderId, long amount = 2599) => new()
    {
        Amount = amount,
        Currency = "usd",
        PaymentMethod = paymentMethodId,
        CaptureMethod = "manual",
        Confirm = true,
        Metadata = new Dictionary<string, string> { ["orderId"] = orderId },
    };

    /// <summary>What the admin API lists for an order, newest first.</summary>
    public async Task<JsonArray> IntentsOfOrderAsync(string orderId)
    {
        using var http = new HttpClient();
        var list = await http.GetFromJsonAsync<JsonObject>(new Uri($"{edge.Cloud.Url}/_localcloud/stripe/payment_intents?metadata[orderId]={Uri.EscapeDataString(orderId)}"));
        return list!["data"]!.AsArray();
    }

    /// <summary>The faults LocalCloud still holds.</summary>
    public async Task<JsonArray> PendingFaultsAsync()
    {
        using var http = new HttpClient();
        return (await http.GetFromJsonAsync<JsonArray>(new Uri($"{edge.Cloud.Url}/_localcloud/faults")))!;
    }

    /// <summary>Queues a LocalCloud fault for a provider operation (CreatePaymentIntent, CapturePaymentIntent, ...).</summary>
    public Task InjectFaultAsync(FaultSpec fault) => Clients.InjectFaultAsync(edge.Cloud.Url, fault);
}
