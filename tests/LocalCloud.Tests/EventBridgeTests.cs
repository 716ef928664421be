using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>Our EventBridge client against the edge, with SQS queues as targets, as the system uses them.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class EventBridgeTests(LocalEdge edge) : IDisposable
{
    private readonly IEventBridgeClient _events = Clients.EventBridge(edge);
    private readonly AmazonSQSClient _sqs = Clients.Sqs(edge);

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task A_created_bus_is_described_with_its_arn()
    {
        var name = Clients.Unique("bus");

        var arn = await _events.CreateEventBusAsync(name, CancellationToken.None);
        var described = await _events.DescribeEventBusAsync(name, CancellationToken.None);

        Assert.Equal($"arn:aws:events:us-east-1:000000000000:event-bus/{name}", arn);
        Assert.Equal(new EventBusDescription(name, arn), described);
    }

    [Fact]
    public async Task The_eventbridge_endpoint_setting_wins_over_the_general_one()
    {
        var events = Clients.EventBridge(new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9",
            ["AWS_ENDPOINT_URL_EVENTBRIDGE"] = edge.EndpointUrl,
        });

        var bus = await events.DescribeEventBusAsync("default", CancellationToken.None);

        Assert.Equal("default", bus?.Name);
    }

    [Fact]
    public async Task Describing_a_missing_bus_returns_null()
    {
        Assert.Null(await _events.DescribeEventBusAsync(Clients.Unique("nobus"), CancellationToken.None));
    }

    [Fact]
    public async Task Creating_a_bus_that_exists_raises_ResourceAlreadyExists()
    {
        var name = Clients.Unique("twice");
        await _events.CreateEventBusAsync(name, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EventBridgeResourceAlreadyExistsException>(() => _events.CreateEventBusAsync(name, CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task A_rule_on_a_missing_bus_raises_ResourceNotFound()
    {
        var rule = new RuleDefinition("r", Clients.Unique("nobus"), ResourceDefinitions.CheckoutEvents.EventPattern);

        var error = await Assert.ThrowsAsync<EventBridgeResourceNotFoundException>(() => _events.PutRuleAsync(rule, CancellationToken.None));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task A_rule_with_an_invalid_pattern_raises_InvalidEventPattern()
    {
        var bus = await NewBusAsync();

        await Assert.ThrowsAsync<EventBridgeInvalidEventPatternException>(() =>
            _events.PutRuleAsync(new RuleDefinition("bad", bus, """{"source":"not-an-array"}"""), CancellationToken.None));
    }

    [Fact]
    public async Task A_target_that_is_not_a_queue_makes_put_targets_throw()
    {
        var bus = await NewBusAsync();
        await _events.PutRuleAsync(new RuleDefinition("rule", bus, ResourceDefinitions.CheckoutEvents.EventPattern), CancellationToken.None);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() => _events.PutTargetsAsync(
            "rule", bus, [new RuleTarget("lambda", "arn:aws:lambda:us-east-1:000000000000:function:f")], CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task A_checkout_event_reaches_the_order_queue_as_the_whole_envelope()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync();
        var time = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        var result = await _events.PutEventsAsync(
            [new EventEntry(bus, ResourceDefinitions.CheckoutEventSource, ResourceDefinitions.CheckoutEventDetailType, """{"userName":"swn","totalPrice":9.5}""", time, ["arn:aws:x:1"])],
            CancellationToken.None);
        var body = JsonNode.Parse(await ReceiveBodyAsync(queueUrl))!;

        Assert.Equal(0, result.FailedEntryCount);
        Assert.Equal(result.Entries[0].EventId, (string?)body["id"]);
        Assert.Equal("0", (string?)body["version"]);
        Assert.Equal(ResourceDefinitions.CheckoutEventSource, (string?)body["source"]);
        Assert.Equal(ResourceDefinitions.CheckoutEventDetailType, (string?)body["detail-type"]);
        Assert.Equal("000000000000", (string?)body["account"]);
        Assert.Equal("us-east-1", (string?)body["region"]);
        Assert.Equal("2026-11-25T12:00:00Z", (string?)body["time"]);
        Assert.Equal("arn:aws:x:1", (string?)body["resources"]![0]);
        Assert.Equal("swn", (string?)body["detail"]!["userName"]);
        Assert.Equal(9.5m, (decimal?)body["detail"]!["totalPrice"]);
    }

    [Fact]
    public async Task An_events_trace_header_reaches_the_queue_as_the_AWSTraceHeader_system_attribute()
    {
        const string traceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var (bus, queueUrl) = await RouteCheckoutsAsync();

        await _events.PutEventsAsync([CheckoutEntry(bus) with { TraceHeader = traceHeader }], CancellationToken.None);
        var message = await ReceiveWithSystemAttributesAsync(queueUrl, "AWSTraceHeader");

        Assert.Equal(traceHeader, message.Attributes["AWSTraceHeader"]);
    }

    [Fact]
    public async Task An_event_without_a_trace_header_reaches_the_queue_without_AWSTraceHeader()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync();

        await _events.PutEventsAsync([CheckoutEntry(bus)], CancellationToken.None);
        var message = await ReceiveWithSystemAttributesAsync(queueUrl, "All");

        Assert.True(message.Attributes.ContainsKey("SentTimestamp"));
        Assert.False(message.Attributes.ContainsKey("AWSTraceHeader"));
    }

    [Fact]
    public async Task A_target_queues_own_delivery_delay_holds_the_event_as_in_AWS()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync(queueDelaySeconds: 2);

        await _events.PutEventsAsync([CheckoutEntry(bus)], CancellationToken.None);
        var right = await _sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed"]);
        var atOnce = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 0 });

        Assert.Equal((0, 1), (right.ApproximateNumberOfMessages, right.ApproximateNumberOfMessagesDelayed));
        Assert.Empty(atOnce.Messages ?? []);
        Assert.Contains("swn", await ReceiveBodyAsync(queueUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_the_pattern_does_not_match_is_not_delivered()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync();

        await _events.PutEventsAsync(
            [
                new EventEntry(bus, ResourceDefinitions.CheckoutEventSource, "BasketDeleted", """{"n":1}"""),
                new EventEntry(bus, "com.other", ResourceDefinitions.CheckoutEventDetailType, """{"n":2}"""),
                new EventEntry(bus, ResourceDefinitions.CheckoutEventSource, ResourceDefinitions.CheckoutEventDetailType, """{"n":3}"""),
            ],
            CancellationToken.None);
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });

        var only = Assert.Single(received.Messages);
        Assert.Equal(3, (int?)JsonNode.Parse(only.Body)!["detail"]!["n"]);
    }

    [Fact]
    public async Task A_disabled_rule_delivers_nothing()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync(enabled: false);

        await _events.PutEventsAsync([CheckoutEntry(bus)], CancellationToken.None);
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 1 });

        Assert.Empty(received.Messages ?? []);
    }

    [Fact]
    public async Task A_target_with_an_input_path_receives_only_that_part_of_the_event()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync(inputPath: "$.detail");

        await _events.PutEventsAsync([CheckoutEntry(bus)], CancellationToken.None);
        var body = JsonNode.Parse(await ReceiveBodyAsync(queueUrl))!;

        Assert.Equal("swn", (string?)body["userName"]);
        Assert.Null(body["source"]);
    }

    [Fact]
    public async Task An_entry_for_an_unknown_bus_fails_alone()
    {
        var (bus, queueUrl) = await RouteCheckoutsAsync();

        var result = await _events.PutEventsAsync([CheckoutEntry(Clients.Unique("nobus")), CheckoutEntry(bus)], CancellationToken.None);

        Assert.Equal(1, result.FailedEntryCount);
        Assert.Null(result.Entries[0].EventId);
        Assert.Equal("ResourceNotFoundException", result.Entries[0].ErrorCode);
        Assert.NotNull(result.Entries[1].EventId);
        Assert.Contains("swn", await ReceiveBodyAsync(queueUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_with_malformed_detail_fails_alone()
    {
        var bus = await NewBusAsync();

        var result = await _events.PutEventsAsync([new EventEntry(bus, "s", "t", "not json"), CheckoutEntry(bus)], CancellationToken.None);

        Assert.Equal(1, result.FailedEntryCount);
        Assert.Equal("MalformedDetail", result.Entries[0].ErrorCode);
    }

    [Fact]
    public async Task More_than_ten_entries_are_refused_whole()
    {
        var bus = await NewBusAsync();

        var error = await Assert.ThrowsAsync<EventBridgeException>(() =>
            _events.PutEventsAsync([.. Enumerable.Repeat(CheckoutEntry(bus), 11)], CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Entries_over_256_KB_in_all_are_refused_whole()
    {
        var bus = await NewBusAsync();
        var big = $$"""{"padding":"{{new string('x', 130 * 1024)}}"}""";

        var error = await Assert.ThrowsAsync<EventBridgeException>(() =>
            _events.PutEventsAsync([new EventEntry(bus, "s", "t", big), new EventEntry(bus, "s", "t", big)], CancellationToken.None));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task Rules_and_targets_can_be_listed_described_removed_and_deleted()
    {
        var (bus, _) = await RouteCheckoutsAsync();

        var described = await CallAsync("DescribeRule", new JsonObject { ["Name"] = "checkout", ["EventBusName"] = bus });
        var rules = await CallAsync("ListRules", new JsonObject { ["EventBusName"] = bus });
        var targets = await CallAsync("ListTargetsByRule", new JsonObject { ["Rule"] = "checkout", ["EventBusName"] = bus });
        var deleteWithTargets = await CallAsync("DeleteRule", new JsonObject { ["Name"] = "checkout", ["EventBusName"] = bus });
        await CallAsync("RemoveTargets", new JsonObject { ["Rule"] = "checkout", ["EventBusName"] = bus, ["Ids"] = new JsonArray("orders") });
        var deleted = await CallAsync("DeleteRule", new JsonObject { ["Name"] = "checkout", ["EventBusName"] = bus });
        var afterDelete = await CallAsync("DescribeRule", new JsonObject { ["Name"] = "checkout", ["EventBusName"] = bus });

        Assert.Equal(ResourceDefinitions.CheckoutEvents.EventPattern, (string?)described.Body["EventPattern"]);
        Assert.Equal("ENABLED", (string?)described.Body["State"]);
        Assert.Equal("checkout", (string?)rules.Body["Rules"]![0]!["Name"]);
        Assert.Equal("orders", (string?)targets.Body["Targets"]![0]!["Id"]);
        Assert.Equal(HttpStatusCode.BadRequest, deleteWithTargets.Status);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("ResourceNotFoundException", (string?)afterDelete.Body["__type"]);
    }

    [Fact]
    public async Task Buses_can_be_listed_and_deleted_but_not_the_default_one()
    {
        var bus = await NewBusAsync();

        var listed = await CallAsync("ListEventBuses", new JsonObject { ["NamePrefix"] = bus });
        var deleted = await CallAsync("DeleteEventBus", new JsonObject { ["Name"] = bus });
        var deleteDefault = await CallAsync("DeleteEventBus", new JsonObject { ["Name"] = "default" });

        Assert.Equal(bus, (string?)listed.Body["EventBuses"]![0]!["Name"]);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Null(await _events.DescribeEventBusAsync(bus, CancellationToken.None));
        Assert.Equal(HttpStatusCode.BadRequest, deleteDefault.Status);
    }

    [Fact]
    public async Task Test_event_pattern_says_whether_a_pattern_matches_an_event_without_any_bus_or_rule()
    {
        const string pattern = """{"source":["com.swn.basket"],"detail":{"total":[{"numeric":[">",100]}]}}""";
        const string checkout = """{"id":"1","account":"000000000000","source":"com.swn.basket","time":"2026-11-25T12:00:00Z","region":"us-east-1","detail-type":"CheckoutBasket","detail":{"total":150}}""";

        var matching = await CallAsync("TestEventPattern", new JsonObject { ["EventPattern"] = pattern, ["Event"] = checkout });
        var notMatching = await CallAsync("TestEventPattern", new JsonObject { ["EventPattern"] = pattern, ["Event"] = checkout.Replace("150", "99", StringComparison.Ordinal) });

        Assert.Equal(HttpStatusCode.OK, matching.Status);
        Assert.True((bool?)matching.Body["Result"]);
        Assert.False((bool?)notMatching.Body["Result"]);
    }

    [Fact]
    public async Task Test_event_pattern_refuses_a_pattern_AWS_refuses_with_its_reason()
    {
        var answer = await CallAsync("TestEventPattern", new JsonObject
        {
            ["EventPattern"] = """{"detail":{"file":[{"anything-but":{"suffix":""}}]}}""",
            ["Event"] = """{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":{}}""",
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("InvalidEventPatternException", (string?)answer.Body["__type"]);
        Assert.Equal("Event pattern is not valid. Reason: Null prefix/suffix not allowed", (string?)answer.Body["message"]);
    }

    [Theory]
    [InlineData("""not json""")]
    [InlineData("""["an","array"]""")]
    [InlineData("""{"source":"s","detail-type":"d","detail":{}}""")]
    public async Task Test_event_pattern_refuses_an_event_that_is_not_an_object_with_the_envelope_fields(string @event)
    {
        var answer = await CallAsync("TestEventPattern", new JsonObject { ["EventPattern"] = """{"source":["s"]}""", ["Event"] = @event });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ValidationException", (string?)answer.Body["__type"]);
        Assert.Equal("Parameter Event is not valid.", (string?)answer.Body["message"]);
    }

    private static EventEntry CheckoutEntry(string bus) =>
        new(bus, ResourceDefinitions.CheckoutEventSource, ResourceDefinitions.CheckoutEventDetailType, """{"userName":"swn"}""");

    private async Task<string> NewBusAsync()
    {
        var name = Clients.Unique("bus");
        await _events.CreateEventBusAsync(name, CancellationToken.None);
        return name;
    }

    /// <summary>A bus with the checkout rule targeting a fresh queue, as Ordering provisions it.</summary>
    private async Task<(string Bus, string QueueUrl)> RouteCheckoutsAsync(bool enabled = true, string? inputPath = null, int queueDelaySeconds = 0)
    {
        var bus = await NewBusAsync();
        var queueUrl = (await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = Clients.Unique("orders"),
            Attributes = new() { [QueueAttributeName.DelaySeconds] = queueDelaySeconds.ToString(CultureInfo.InvariantCulture) },
        })).QueueUrl;
        var queueArn = (await _sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"])).Attributes["QueueArn"];
        var ruleArn = await _events.PutRuleAsync(new RuleDefinition("checkout", bus, ResourceDefinitions.CheckoutEvents.EventPattern, enabled), CancellationToken.None);
        await _events.PutTargetsAsync("checkout", bus, [new RuleTarget("orders", queueArn, inputPath)], CancellationToken.None);
        Assert.EndsWith($"rule/{bus}/checkout", ruleArn, StringComparison.Ordinal);
        return (bus, queueUrl);
    }

    /// <summary>An EventBridge operation our client does not need.</summary>
    private Task<RawAnswer> CallAsync(string operation, JsonObject request) =>
        Clients.PostAsync(edge, "AWSEvents." + operation, request.ToJsonString());

    private async Task<Message> ReceiveWithSystemAttributesAsync(string queueUrl, string name)
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5, MessageSystemAttributeNames = [name] });
        return Assert.Single(received.Messages);
    }

    private async Task<string> ReceiveBodyAsync(string queueUrl)
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = 5 });
        return Assert.Single(received.Messages).Body;
    }
}
