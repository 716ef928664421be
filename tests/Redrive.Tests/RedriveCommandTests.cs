using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.Shared.Resources;
using Ecommerce.TestSupport;
using Ecommerce.Tools.Redrive;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Redrive.Tests;

[CollectionDefinition(Name)]
public sealed class EdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>The redrive command, run with its arguments against the edge, as the runbook runs it against a stack.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class RedriveCommandTests(LocalEdge edge) : IDisposable
{
    private static readonly BasicAWSCredentials Credentials = new("local", "local");

    private readonly AmazonSQSClient _sqs = new(Credentials, new AmazonSQSConfig { ServiceURL = edge.EndpointUrl, AuthenticationRegion = "us-east-1" });

    public void Dispose() => _sqs.Dispose();

    [FaultInjectionFact]
    public async Task An_event_EventBridge_could_not_deliver_goes_back_to_the_rules_queue_and_leaves_the_dead_letter_queue()
    {
        var (bus, queue, deadLetters) = await RouteCheckoutsAsync();
        await edge.FailDeliveriesAsync(NameOf(queue.Url), "NO_PERMISSIONS");
        var put = await Clients().PutEventsAsync(
            [new EventEntry(bus, ResourceDefinitions.CheckoutEventSource, ResourceDefinitions.CheckoutEventDetailType, """{"userName":"swn"}""")], CancellationToken.None);
        await WaitForAsync(deadLetters.Url, 1);

        var run = await RunAsync("--source", deadLetters.Arn, "--destination", queue.Arn);
        var redriven = await ReceiveAllAsync(queue.Url);

        Assert.Equal(RedriveCommand.Succeeded, run.ExitCode);
        Assert.Contains("ERROR_CODE NO_PERMISSIONS", run.Output, StringComparison.Ordinal);
        Assert.Contains("Moved 1 message(s)", run.Output, StringComparison.Ordinal);
        var message = Assert.Single(redriven);
        Assert.Equal(put.Entries[0].EventId, (string?)JsonNode.Parse(message.Body)!["id"]);
        Assert.Equal("NO_PERMISSIONS", message.MessageAttributes["ERROR_CODE"].StringValue);
        Assert.Empty(await ReceiveAllAsync(deadLetters.Url));
    }

    [Fact]
    public async Task Every_message_moves_with_its_body_attributes_and_trace_header_a_page_at_a_time()
    {
        var (source, destination) = (await NewQueueAsync("dlq"), await NewQueueAsync("target"));
        await SendAsync(source.Url, 23, traceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        var run = await RunAsync("--source", source.Url, "--destination", NameOf(destination.Url));
        var moved = await ReceiveAllAsync(destination.Url);

        Assert.Equal(RedriveCommand.Succeeded, run.ExitCode);
        Assert.Contains("Moved 23 message(s)", run.Output, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, 23).Select(Body), moved.Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.All(moved, m => Assert.Equal("THROTTLING", m.MessageAttributes["ERROR_CODE"].StringValue));
        Assert.All(moved, m => Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", m.Attributes["AWSTraceHeader"]));
        Assert.Empty(await ReceiveAllAsync(source.Url));
    }

    [Fact]
    public async Task A_run_moves_no_more_than_its_bound()
    {
        var (source, destination) = (await NewQueueAsync("dlq"), await NewQueueAsync("target"));
        await SendAsync(source.Url, 13);

        var run = await RunAsync("--source", source.Arn, "--destination", destination.Arn, "--max-messages", "5");

        Assert.Equal(RedriveCommand.Succeeded, run.ExitCode);
        Assert.Equal(5, (await ReceiveAllAsync(destination.Url)).Count);
        Assert.Equal(8, (await ReceiveAllAsync(source.Url)).Count);
    }

    [Fact]
    public async Task A_dry_run_lists_what_would_move_and_changes_nothing()
    {
        var (source, destination) = (await NewQueueAsync("dlq"), await NewQueueAsync("target"));
        await SendAsync(source.Url, 12);

        var run = await RunAsync("--source", source.Arn, "--destination", destination.Arn, "--dry-run");

        Assert.Equal(RedriveCommand.Succeeded, run.ExitCode);
        Assert.Equal(12, run.Output.Split('\n').Count(line => line.StartsWith("would move ", StringComparison.Ordinal)));
        Assert.Contains("Would move 12 message(s)", run.Output, StringComparison.Ordinal);
        Assert.Empty(await ReceiveAllAsync(destination.Url));
        Assert.Equal(12, (await ReceiveAllAsync(source.Url)).Count); // visible again at once, not after the visibility timeout
    }

    [FaultInjectionFact]
    public async Task Nothing_is_deleted_when_the_destination_takes_nothing()
    {
        var (source, destination) = (await NewQueueAsync("dlq"), await NewQueueAsync("target"));
        await SendAsync(source.Url, 3);
        await edge.InjectFaultAsync("SendMessageBatch", "InternalError", 500, count: 5);

        var run = await RunAsync("--source", source.Arn, "--destination", destination.Arn, "--visibility-timeout", "1");
        await edge.ClearFaultsAsync();

        Assert.Equal(RedriveCommand.Failed, run.ExitCode);
        Assert.Contains("SQS refused: InternalError", run.Error, StringComparison.Ordinal);
        Assert.Empty(await ReceiveAllAsync(destination.Url));
        Assert.Equal(3, (await ReceiveAllAsync(source.Url, waitSeconds: 3)).Count);
    }

    [Theory]
    [InlineData("--source", "a")]
    [InlineData("--source", "a", "--destination", "a")]
    [InlineData("--source", "a", "--destination", "b", "--max-messages", "0")]
    [InlineData("--source", "a", "--destination", "b", "--what", "x")]
    public async Task Arguments_that_name_no_move_are_refused_with_the_usage(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(RedriveCommand.BadArguments, run.ExitCode);
        Assert.Contains("Usage: redrive", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_queue_that_does_not_exist_is_said_plainly()
    {
        var run = await RunAsync("--source", Unique("none"), "--destination", Unique("none"));

        Assert.Equal(RedriveCommand.Failed, run.ExitCode);
        Assert.Contains("SQS refused: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    private static string Body(int i) => $$"""{"n":{{i.ToString("D2", CultureInfo.InvariantCulture)}}}""";

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static string NameOf(string queueUrl) => queueUrl.Split('/')[^1];

    /// <summary>Our EventBridge client, registered as the services register it.</summary>
    private IEventBridgeClient Clients()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = edge.EndpointUrl });
        builder.AddEventBridgeClient();
        return builder.Services.BuildServiceProvider().GetRequiredService<IEventBridgeClient>();
    }

    private async Task<Run> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await RedriveCommand.RunAsync(
            [.. args, "--endpoint-url", edge.EndpointUrl, "--region", "us-east-1"],
            output,
            error,
            config => new AmazonSQSClient(Credentials, config),
            CancellationToken.None);
        return new Run(exitCode, output.ToString(), error.ToString());
    }

    private async Task<(string Url, string Arn)> NewQueueAsync(string prefix)
    {
        var url = (await _sqs.CreateQueueAsync(Unique(prefix))).QueueUrl;
        return (url, (await _sqs.GetQueueAttributesAsync(url, [QueueAttributeName.QueueArn])).QueueARN);
    }

    /// <summary>A bus whose checkout rule delivers to a queue, with a dead-letter queue for the target, as Ordering provisions it.</summary>
    private async Task<(string Bus, (string Url, string Arn) Queue, (string Url, string Arn) DeadLetters)> RouteCheckoutsAsync()
    {
        var events = Clients();
        var bus = Unique("bus");
        await events.CreateEventBusAsync(bus, CancellationToken.None);
        var (queue, deadLetters) = (await NewQueueAsync("orders"), await NewQueueAsync("rule-dlq"));
        await events.PutRuleAsync(new RuleDefinition("checkout", bus, ResourceDefinitions.CheckoutEvents.EventPattern), CancellationToken.None);
        await events.PutTargetsAsync(
            "checkout", bus, [new RuleTarget("orders", queue.Arn, DeadLetterConfig: new DeadLetterConfig(deadLetters.Arn))], CancellationToken.None);
        return (bus, queue, deadLetters);
    }

    /// <summary>Dead letters as EventBridge leaves them: the event, and why it was not delivered.</summary>
    private async Task SendAsync(string queueUrl, int count, string? traceHeader = null)
    {
        foreach (var chunk in Enumerable.Range(0, count).Chunk(10))
        {
            await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = [.. chunk.Select(i => new SendMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), Body(i))
                {
                    MessageAttributes = new() { ["ERROR_CODE"] = new MessageAttributeValue { DataType = "String", StringValue = "THROTTLING" } },
                    MessageSystemAttributes = traceHeader is null ? null : new() { ["AWSTraceHeader"] = new MessageSystemAttributeValue { DataType = "String", StringValue = traceHeader } },
                })],
            });
        }
    }

    private async Task WaitForAsync(string queueUrl, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var attributes = await _sqs.GetQueueAttributesAsync(queueUrl, [QueueAttributeName.ApproximateNumberOfMessages]);
            if (attributes.ApproximateNumberOfMessages >= count)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{queueUrl} never held {count} message(s).");
    }

    /// <summary>Every message now in the queue, hidden for a minute so that none is counted twice.</summary>
    private async Task<List<Message>> ReceiveAllAsync(string queueUrl, int waitSeconds = 1)
    {
        List<Message> all = [];
        while (true)
        {
            var page = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = waitSeconds,
                VisibilityTimeout = 60,
                MessageAttributeNames = ["All"],
                MessageSystemAttributeNames = ["AWSTraceHeader"],
            });
            if (page.Messages is not { Count: > 0 } messages)
            {
                return all;
            }

            all.AddRange(messages);
        }
    }

    private sealed record Run(int ExitCode, string Output, string Error);
}
