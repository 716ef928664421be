using System.Net;
using System.Net.Http.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.Shared.EventBridge;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The admin API under /_localcloud/: faults on cue for SQS, EventBridge and DynamoDB, reset and health.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class FaultInjectionTests(LocalEdge edge) : IDisposable
{
    private readonly AmazonSQSClient _sqs = Clients.Sqs(edge);
    private readonly IEventBridgeClient _events = Clients.EventBridge(edge);

    public void Dispose() => _sqs.Dispose();

    [FaultInjectionFact]
    public async Task An_injected_sqs_error_raises_the_typed_exception_once_then_calls_succeed()
    {
        var url = (await _sqs.CreateQueueAsync(Clients.Unique("fault"))).QueueUrl;
        await edge.InjectFaultAsync("SendMessage", "QueueDoesNotExist");

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.SendMessageAsync(url, "first"));
        var second = await _sqs.SendMessageAsync(url, "second");

        Assert.NotNull(second.MessageId);
    }

    [FaultInjectionFact]
    public async Task Throttling_of_put_events_is_retried_by_our_client_within_its_attempts()
    {
        var bus = Clients.Unique("bus");
        await _events.CreateEventBusAsync(bus, CancellationToken.None);
        await edge.InjectFaultAsync("PutEvents", "ThrottlingException", 400, count: 1);

        var result = await _events.PutEventsAsync([new EventEntry(bus, "s", "t", "{}")], CancellationToken.None);

        Assert.Equal(0, result.FailedEntryCount);
    }

    [FaultInjectionFact]
    public async Task A_fault_outlasting_the_retries_surfaces_as_EventBridgeException_with_code_and_status()
    {
        await edge.InjectFaultAsync("PutEvents", "InternalException", 500, count: 3);

        var error = await Assert.ThrowsAsync<EventBridgeException>(() =>
            _events.PutEventsAsync([new EventEntry("default", "s", "t", "{}")], CancellationToken.None));

        Assert.Equal("InternalException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [FaultInjectionFact]
    public async Task A_delayed_call_is_carried_out_at_once_and_answered_late()
    {
        var url = (await _sqs.CreateQueueAsync(Clients.Unique("late"))).QueueUrl;
        await Clients.InjectFaultAsync(edge.Cloud.Url, new FaultSpec("SendMessage", "", Mode: FaultMode.Delay, DelayMilliseconds: 600));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await _sqs.SendMessageAsync(url, "late");

        Assert.True(clock.ElapsedMilliseconds >= 550, $"answered after {clock.ElapsedMilliseconds} ms");
        Assert.Equal("late", Assert.Single((await _sqs.ReceiveMessageAsync(url)).Messages).Body);
    }

    [FaultInjectionFact]
    public async Task Failed_entries_come_back_with_a_failed_entry_count_and_deliver_nothing()
    {
        var bus = Clients.Unique("bus");
        await _events.CreateEventBusAsync(bus, CancellationToken.None);
        await edge.FailPutEventsEntriesAsync("InternalFailure");

        var failed = await _events.PutEventsAsync([new EventEntry(bus, "s", "t", "{}"), new EventEntry(bus, "s", "t", "{}")], CancellationToken.None);
        var next = await _events.PutEventsAsync([new EventEntry(bus, "s", "t", "{}")], CancellationToken.None);

        Assert.Equal(2, failed.FailedEntryCount);
        Assert.All(failed.Entries, e => Assert.Equal("InternalFailure", e.ErrorCode));
        Assert.Equal(0, next.FailedEntryCount);
    }

    [FaultInjectionFact]
    public async Task DynamoDB_calls_through_the_edge_fail_as_injected_with_the_typed_exceptions()
    {
        using var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = edge.EndpointUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var item = new Dictionary<string, AttributeValue> { ["id"] = new("1") };
        var table = Clients.Unique("nowhere");
        await edge.InjectFaultAsync("PutItem", "ProvisionedThroughputExceededException", 400);
        await edge.InjectFaultAsync("PutItem", "InternalServerError", 500);

        await Assert.ThrowsAsync<ProvisionedThroughputExceededException>(() => dynamoDb.PutItemAsync(table, item));
        await Assert.ThrowsAsync<InternalServerErrorException>(() => dynamoDb.PutItemAsync(table, item));
        // The faults are used up: the third call reaches DynamoDB Local, which has no such table.
        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => dynamoDb.PutItemAsync(table, item));
    }

    [FaultInjectionFact]
    public async Task A_dynamodb_fault_aimed_at_a_table_spares_calls_to_other_tables()
    {
        using var dynamoDb = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = edge.EndpointUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var key = new Dictionary<string, AttributeValue> { ["id"] = new("1") };
        var (aimed, other) = (Clients.Unique("aimed"), Clients.Unique("other"));
        await edge.InjectFaultAsync("BatchGetItem", "InternalServerError", 500, count: 2, table: aimed);

        Task Read(params string[] tables) => dynamoDb.BatchGetItemAsync(
            new BatchGetItemRequest { RequestItems = tables.ToDictionary(table => table, _ => new KeysAndAttributes { Keys = [key] }) });

        // Neither table exists: a call that gets past the fault reaches DynamoDB Local, which says so.
        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => Read(other));
        await Assert.ThrowsAsync<InternalServerErrorException>(() => Read(aimed));
        await Assert.ThrowsAsync<InternalServerErrorException>(() => Read(other, aimed));
        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.ResourceNotFoundException>(() => Read(aimed));
    }

    [FaultInjectionFact]
    public async Task Reset_forgets_queues_buses_and_pending_faults()
    {
        var queue = Clients.Unique("reset");
        var bus = Clients.Unique("bus");
        await _sqs.CreateQueueAsync(queue);
        await _events.CreateEventBusAsync(bus, CancellationToken.None);
        await edge.InjectFaultAsync("GetQueueUrl", "InternalError", 500, count: 5);

        await edge.ResetAsync();

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync(queue));
        Assert.Null(await _events.DescribeEventBusAsync(bus, CancellationToken.None));
        Assert.NotNull(await _events.DescribeEventBusAsync("default", CancellationToken.None));
    }

    [FaultInjectionFact]
    public async Task The_admin_api_reports_health_and_refuses_a_fault_without_an_error_code()
    {
        using var admin = new HttpClient { BaseAddress = new Uri(edge.EndpointUrl) };

        var health = await admin.GetFromJsonAsync<Health>("/_localcloud/health");
        using var refused = await admin.PostAsJsonAsync("/_localcloud/faults", new { operation = "SendMessage", count = 1 });

        Assert.Equal("healthy", health!.Status);
        Assert.NotNull(health.DynamoDbUrl);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
