using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;

namespace Ecommerce.Deploy.Constructs;

/// <summary>
/// The flow's numbers, counted by CloudWatch Logs metric filters: checkouts, orders, failed captures and expired
/// orders from the services' JSON log lines (<c>AddJsonConsole</c>), cold starts from the <c>REPORT</c> line Lambda
/// writes after each invocation. The services need no metrics SDK and make no extra call.
/// </summary>
public sealed class FlowMetrics : Construct
{
    /// <summary>The logger category of Basket's checkout.</summary>
    public const string CheckoutCategory = "Ecommerce.Baskets.BasketCheckout";

    /// <summary>
    /// The event id Basket gives "Checkout {CheckoutId} of {UserName} published" (its LogPublished). The message
    /// varies and filter patterns match whole values, so the id is what tells this line apart; Deploy.Tests runs
    /// the service's own line through this filter.
    /// </summary>
    public const int CheckoutPublishedEventId = 100;

    /// <summary>The logger category of Ordering's consumer: "Order {OrderId}: {Outcome}", Outcome <c>Created</c> for a new order.</summary>
    public const string ConsumerCategory = "Ecommerce.Ordering.Events.CheckoutConsumer";

    /// <summary>
    /// The word Payment's error line carries in its message when the provider refused a capture (the order shipped, the
    /// money not taken): counted only at level Error, so a line that merely names the event does not count.
    /// </summary>
    public const string CaptureFailedToken = "PaymentCaptureFailed";

    /// <summary>The word the line of Ordering's expiry consumer carries in its message when it cancelled an order as Expired.</summary>
    public const string OrderExpiredToken = "OrderExpired";

    /// <summary>Lambda adds "Init Duration" to the REPORT line of the first invocation of a new execution environment.</summary>
    public const string ColdStartTerm = "Init Duration";

    public string Namespace { get; }
    public Metric CheckoutsPublished { get; }
    public Metric OrdersStored { get; }
    public Metric CaptureFailures { get; }
    public Metric OrdersExpired { get; }

    /// <summary>Cold starts per function, by the function's construct id.</summary>
    public IReadOnlyDictionary<string, Metric> ColdStarts { get; }

    public FlowMetrics(Construct scope, string id, DeploySettings settings, ServiceFunctions functions)
        : base(scope, id)
    {
        Namespace = "Ecommerce/" + settings.Stage;

        CheckoutsPublished = Count("CheckoutsPublished", functions.Basket, FilterPattern.All(
            FilterPattern.StringValue("$.Category", "=", CheckoutCategory),
            FilterPattern.NumberValue("$.EventId", "=", CheckoutPublishedEventId)));

        OrdersStored = Count("OrdersStored", functions.OrderingConsumer, FilterPattern.All(
            FilterPattern.StringValue("$.Category", "=", ConsumerCategory),
            FilterPattern.StringValue("$.State.Outcome", "=", "Created")));

        CaptureFailures = Count("PaymentCaptureFailures", functions.PaymentOrderConsumer, FilterPattern.All(
            FilterPattern.StringValue("$.LogLevel", "=", "Error"),
            FilterPattern.StringValue("$.Message", "=", $"*{CaptureFailedToken}*")));

        OrdersExpired = Count("OrdersExpired", functions.OrderingExpiryConsumer,
            FilterPattern.StringValue("$.Message", "=", $"*{OrderExpiredToken}*"));

        ColdStarts = functions.All.ToDictionary(
            function => function.Node.Id,
            function => Count(function.Node.Id + "ColdStarts", function, FilterPattern.AllTerms("REPORT", ColdStartTerm)));
    }

    private Metric Count(string name, Function function, IFilterPattern pattern) =>
        new MetricFilter(this, name, new MetricFilterProps
        {
            LogGroup = function.LogGroup,
            FilterPattern = pattern,
            MetricNamespace = Namespace,
            MetricName = name,
            MetricValue = "1",
            Unit = Unit.COUNT,
        }).Metric(new MetricOptions { Statistic = Stats.SUM, Period = Duration.Minutes(1) });
}
