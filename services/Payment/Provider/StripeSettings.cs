namespace Ecommerce.Payments.Provider;

/// <summary>The <c>Payment:Stripe</c> settings. The secret key is not one of them: it comes from SSM Parameter Store at start.</summary>
internal sealed class StripeSettings
{
    public const string Section = "Payment:Stripe";

    /// <summary>Stripe's API base URL; unset, Stripe's own. Locally LocalCloud's <c>{edge}/stripe</c>.</summary>
    public string? ApiBase { get; set; }

    /// <summary>How long one call may take before it is given up (and the event comes again).</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Retries Stripe.net makes itself, under the same idempotency key, after a network error, a 409 or a 5xx.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>
    /// Locally only (<c>Aws:CreateResources</c>): the key put into the parameter when it is missing, as the services
    /// create what they own. In AWS the deployer puts the key there.
    /// </summary>
    public string? LocalSecretKey { get; set; }
}
