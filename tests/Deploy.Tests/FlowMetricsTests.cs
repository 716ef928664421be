extern alias basket;
extern alias ordering;

using System.Text.Json;
using Microsoft.Extensions.Logging;
using BasketCheckout = basket::Ecommerce.Baskets.BasketCheckout;
using CheckoutConsumer = ordering::Ecommerce.Ordering.Events.CheckoutConsumer;

namespace Ecommerce.Deploy.Tests;

/// <summary>The metric filters run over the lines the services really write, not over a copy of their wording.</summary>
[Collection(UsesSynthesizedStacks.Name)]
public sealed partial class FlowMetricsTests(SynthesizedStacks stacks)
{
    [Fact]
    public void Of_all_the_lines_of_a_checkout_only_the_published_one_counts_as_a_checkout()
    {
        var lines = ServiceLogLines.Of(typeof(BasketCheckout));

        var counted = lines.Where(l => FilterPatterns.Matches(Pattern("CheckoutsPublished"), l.Line.GetRawText())).ToList();
        Assert.Equal("Checkout {CheckoutId} of {UserName} published", Assert.Single(counted).Template);
        Assert.True(lines.Count > 1);
    }

    [Fact]
    public void Of_all_the_lines_of_the_consumer_only_a_created_order_counts_as_an_order_stored()
    {
        var lines = ServiceLogLines.Of(typeof(CheckoutConsumer));

        var counted = lines.Where(l => FilterPatterns.Matches(Pattern("OrdersStored"), l.Line.GetRawText())).ToList();
        var line = Assert.Single(counted).Line;
        Assert.Equal("Created", line.GetProperty("State").GetProperty("Outcome").GetString());
        // An order seen again (a redelivery) is saved once and counted once.
        Assert.Contains(lines, l => l.Line.GetProperty("State").TryGetProperty("Outcome", out var outcome) && outcome.GetString() == "AlreadySaved");
    }

    [Fact]
    public void The_filters_name_the_categories_the_services_log_under()
    {
        Assert.Equal(Constructs.FlowMetrics.CheckoutCategory, typeof(BasketCheckout).FullName);
        Assert.Equal(Constructs.FlowMetrics.ConsumerCategory, typeof(CheckoutConsumer).FullName);
    }

    [Fact]
    public void Only_payment_s_error_line_with_the_agreed_token_counts_as_a_capture_that_failed()
    {
        var lines = ServiceLogLines.Of(typeof(AgreedLogLines));

        var counted = lines.Where(l => FilterPatterns.Matches(Pattern("PaymentCaptureFailures"), l.Line.GetRawText())).ToList();
        Assert.Equal(AgreedLogLines.CaptureFailedMessage, Assert.Single(counted).Template);
        Assert.Contains(Constructs.FlowMetrics.CaptureFailedToken, AgreedLogLines.CaptureFailedMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_the_expiry_consumer_with_the_agreed_token_counts_as_an_expired_order()
    {
        var lines = ServiceLogLines.Of(typeof(AgreedLogLines));

        var counted = lines.Where(l => FilterPatterns.Matches(Pattern("OrdersExpired"), l.Line.GetRawText())).ToList();
        Assert.Equal(AgreedLogLines.OrderExpiredMessage, Assert.Single(counted).Template);
    }

    [Theory]
    [InlineData("REPORT RequestId: 8fc6f963-411b-58b5-8483-a32130c0f45d\tDuration: 201.67 ms\tBilled Duration: 202 ms\tMemory Size: 256 MB\tMax Memory Used: 81 MB\tInit Duration: 480.25 ms\t", true)]
    [InlineData("REPORT RequestId: 8fc6f963-411b-58b5-8483-a32130c0f45d\tDuration: 3.10 ms\tBilled Duration: 4 ms\tMemory Size: 256 MB\tMax Memory Used: 81 MB\t", false)]
    [InlineData("START RequestId: 8fc6f963-411b-58b5-8483-a32130c0f45d Version: $LATEST", false)]
    public void A_report_line_counts_as_a_cold_start_only_when_it_carries_an_init_duration(string line, bool counted)
    {
        foreach (var function in stacks.Dev.Stack.Functions.All)
        {
            Assert.Equal(counted, FilterPatterns.Matches(Pattern(function.Node.Id + "ColdStarts"), line));
        }
    }

    /// <summary>
    /// The lines Payment and Ordering agreed to write for the alarms (their tokens), as the services' JSON console writes
    /// them, beside lines that name the same events without being the failure.
    /// </summary>
    private static partial class AgreedLogLines
    {
        public const string CaptureFailedMessage = "PaymentCaptureFailed: the provider refused to capture order {OrderId} ({Code})";
        public const string OrderExpiredMessage = "OrderExpired: order {OrderId} was not Confirmed in time and is cancelled";

        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = CaptureFailedMessage)]
        public static partial void CaptureFailed(ILogger logger, string orderId, string code);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Order {OrderId}: published PaymentCaptureFailed")]
        public static partial void CaptureFailedPublished(ILogger logger, string orderId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "The provider did not answer the capture of order {OrderId}; it is retried")]
        public static partial void CaptureRetried(ILogger logger, string orderId);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = OrderExpiredMessage)]
        public static partial void OrderExpired(ILogger logger, string orderId);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Order {OrderId} was Confirmed in time")]
        public static partial void OrderConfirmedInTime(ILogger logger, string orderId);
    }

    private string Pattern(string metricName) =>
        stacks.Dev.Resources("AWS::Logs::MetricFilter")
            .Select(f => f.Resource.GetProperty("Properties"))
            .Single(f => f.GetProperty("MetricTransformations")[0].GetProperty("MetricName").GetString() == metricName)
            .GetProperty("FilterPattern").GetString()!;
}
