using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.Reconciler;

/// <summary>
/// The <c>Reconciler</c> settings, from the environment (<c>Reconciler__Stripe__SecretKey</c>) and the command line
/// (<c>--dynamodb-url</c>, <c>--stripe-url</c>, <c>--since</c>, <c>--grace-seconds</c>; table names as
/// <c>--Resources:OrderTable=...</c>). The Stripe key is read from the environment only, never from the command line,
/// where every process of the host would see it.
/// </summary>
internal sealed record ReconcilerSettings(Uri? DynamoDbUrl, string? StripeApiBase, string StripeSecretKey, DateTimeOffset? Since, TimeSpan Grace)
{
    public const string SecretKeyVariable = "Reconciler__Stripe__SecretKey";

    /// <summary>Long enough for an event in flight to arrive, retries and a dead-letter redrive's first attempts included.</summary>
    private const int DefaultGraceSeconds = 300;

    public static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--dynamodb-url"] = "Reconciler:DynamoDbUrl",
        ["--stripe-url"] = "Reconciler:Stripe:ApiBase",
        ["--since"] = "Reconciler:Since",
        ["--grace-seconds"] = "Reconciler:GraceSeconds",
    };

    public const string Usage = """
        Usage: Reconciler [--dynamodb-url URL] [--stripe-url URL] [--since TIME] [--grace-seconds N] [--Resources:OrderTable=NAME ...]
          --dynamodb-url   a local DynamoDB endpoint (DynamoDB Local, LocalCloud); left out, the AWS SDK's region and credentials
          --stripe-url     the provider's API base (LocalCloud's http://localhost:4566/stripe); left out, Stripe's own
          --since          list the provider's payment intents created from this time on (ISO 8601); left out, all of them
          --grace-seconds  what changed this recently is still moving and is left to the next run (default 300)
          table names as the services read them: --Resources:OrderTable, StockTable, ReservationTable, PaymentTable
        Environment: Reconciler__Stripe__SecretKey, a Stripe secret or restricted key with read access to PaymentIntents.
        Exit code: 0 when every invariant holds, 1 when one is broken (each printed, naming its order), 2 when it could not check.
        """;

    /// <exception cref="FormatException">A setting is missing or malformed; the message names it.</exception>
    public static ReconcilerSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Reconciler");
        var key = section["Stripe:SecretKey"] is { Length: > 0 } secret ? secret
            : throw new FormatException($"{SecretKeyVariable} is not set: the provider cannot be read without a key.");
        var url = section["DynamoDbUrl"] is { Length: > 0 } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var parsed) ? parsed : throw new FormatException($"--dynamodb-url is not a URL: {text}")
            : null;
        var since = section["Since"] is { Length: > 0 } sinceText
            ? DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from) ? from
                : throw new FormatException($"--since is not a time: {sinceText}")
            : (DateTimeOffset?)null;
        var grace = section["GraceSeconds"] is { Length: > 0 } graceText
            ? int.TryParse(graceText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds
                : throw new FormatException($"--grace-seconds is not a whole number of seconds: {graceText}")
            : DefaultGraceSeconds;
        return new ReconcilerSettings(url, section["Stripe:ApiBase"] is { Length: > 0 } apiBase ? apiBase : null, key, since, TimeSpan.FromSeconds(grace));
    }
}
