using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>Dead-letter queues and redrive with the unmodified AWSSDK.SQS client: StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class MessageMoveTaskTests(LocalEdge edge) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly AmazonSQSClient _sqs = Clients.Sqs(edge);

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task A_message_received_more_than_max_receive_count_times_lands_in_the_dead_letter_queue_naming_its_source()
    {
        var deadLetter = await NewQueueAsync("dlq");
        var source = await NewQueueAsync("src", deadLetter);

        await PoisonAsync(source, "poison");
        var dead = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = deadLetter.Url, MessageSystemAttributeNames = ["All"] });

        var message = Assert.Single(dead.Messages);
        Assert.Equal("poison", message.Body);
        Assert.Equal(source.Arn, message.Attributes["DeadLetterQueueSourceArn"]);
    }

    [Fact]
    public async Task A_move_task_without_a_destination_returns_each_message_to_its_own_source_queue_and_lists_as_completed()
    {
        var deadLetter = await NewQueueAsync("dlq");
        var orders = await NewQueueAsync("orders", deadLetter);
        var payments = await NewQueueAsync("payments", deadLetter);
        await PoisonAsync(orders, "order 1");
        await PoisonAsync(payments, "payment 1");

        var started = await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn });
        var task = await CompletedTaskAsync(deadLetter.Arn);

        Assert.False(string.IsNullOrEmpty(started.TaskHandle));
        Assert.Equal("order 1", (await ReceiveOneAsync(orders)).Body);
        Assert.Equal("payment 1", (await ReceiveOneAsync(payments)).Body);
        Assert.Equal(0, await VisibleCountAsync(deadLetter));
        Assert.Equal(deadLetter.Arn, task.SourceArn);
        Assert.Null(task.DestinationArn);
        Assert.Null(task.TaskHandle);
        Assert.Equal(2, task.ApproximateNumberOfMessagesMoved);
        Assert.Equal(2, task.ApproximateNumberOfMessagesToMove);
        Assert.True(task.StartedTimestamp > 0);
    }

    [Fact]
    public async Task A_move_task_with_a_destination_and_a_rate_moves_every_message_there_and_says_so()
    {
        var deadLetter = await NewQueueAsync("dlq");
        var source = await NewQueueAsync("src", deadLetter);
        var replay = await NewQueueAsync("replay");
        await PoisonAsync(source, "a", "b", "c");

        await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn, DestinationArn = replay.Arn, MaxNumberOfMessagesPerSecond = 50 });
        var task = await CompletedTaskAsync(deadLetter.Arn);

        Assert.Equal(replay.Arn, task.DestinationArn);
        Assert.Equal(50, task.MaxNumberOfMessagesPerSecond);
        Assert.Equal(3, task.ApproximateNumberOfMessagesMoved);
        Assert.Equal(3, await VisibleCountAsync(replay));
        Assert.Equal(0, await VisibleCountAsync(source));
    }

    [Fact]
    public async Task A_cancelled_task_keeps_what_it_moved_leaves_the_rest_and_a_second_task_waits_for_it_to_stop()
    {
        var deadLetter = await NewQueueAsync("dlq");
        var source = await NewQueueAsync("src", deadLetter);
        await PoisonAsync(source, "1", "2", "3", "4", "5");
        var started = await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn, MaxNumberOfMessagesPerSecond = 1 });

        var running = Assert.Single((await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetter.Arn })).Results);
        var second = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn }));
        var cancelled = await _sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = started.TaskHandle });
        var task = await Eventually.ReturnsAsync(async () =>
            (await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetter.Arn })).Results.SingleOrDefault(t => t.Status == "CANCELLED"),
            Deadline, "the task lists as CANCELLED");

        Assert.Equal("RUNNING", running.Status);
        Assert.Equal(started.TaskHandle, running.TaskHandle);
        Assert.Equal("InvalidParameterValue", second.ErrorCode);
        Assert.InRange(cancelled.ApproximateNumberOfMessagesMoved ?? 0, 1L, 4L);
        Assert.Equal(5, await VisibleCountAsync(source) + await VisibleCountAsync(deadLetter));
        Assert.InRange(await VisibleCountAsync(deadLetter), 1, 4);
        Assert.Equal(5, task.ApproximateNumberOfMessagesToMove);
        await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn });
    }

    [Fact]
    public async Task List_message_move_tasks_returns_the_most_recent_first_and_one_unless_asked_for_more()
    {
        var deadLetter = await NewQueueAsync("dlq");
        var source = await NewQueueAsync("src", deadLetter);
        await PoisonAsync(source, "first");
        await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn });
        await CompletedTaskAsync(deadLetter.Arn);
        await PoisonAsync(source, "second", "third");
        await _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn });
        await CompletedTaskAsync(deadLetter.Arn);

        var latest = await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetter.Arn });
        var both = await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetter.Arn, MaxResults = 10 });

        // The first message came back as a new message, so it fails again beside the two new ones.
        Assert.Equal(3, Assert.Single(latest.Results).ApproximateNumberOfMessagesMoved);
        Assert.Equal([3L, 1L], both.Results.Select(t => t.ApproximateNumberOfMessagesMoved ?? 0));
        await Assert.ThrowsAnyAsync<AmazonSQSException>(() => _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetter.Arn, MaxResults = 11 }));
    }

    [Fact]
    public async Task A_source_that_is_no_queues_dead_letter_queue_is_refused()
    {
        var plain = await NewQueueAsync("plain");

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = plain.Arn }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("Source queue must be configured as a Dead Letter Queue.", error.Message);
        Assert.Empty((await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = plain.Arn })).Results ?? []);
    }

    [Fact]
    public async Task A_missing_source_or_destination_queue_raises_ResourceNotFoundException()
    {
        var deadLetter = await NewQueueAsync("dlq");
        await NewQueueAsync("src", deadLetter);
        var missing = deadLetter.Arn + "-missing";

        var noSource = await Assert.ThrowsAsync<ResourceNotFoundException>(() => _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = missing }));
        var noDestination = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            _sqs.StartMessageMoveTaskAsync(new StartMessageMoveTaskRequest { SourceArn = deadLetter.Arn, DestinationArn = missing }));

        Assert.Contains("SourceArn", noSource.Message, StringComparison.Ordinal);
        Assert.Contains("DestinationArn", noDestination.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_with_a_malformed_or_unknown_task_handle_is_refused()
    {
        var deadLetter = await NewQueueAsync("dlq");
        var unknown = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($$"""{"taskId":"{{Guid.NewGuid()}}","sourceArn":"{{deadLetter.Arn}}"}"""));

        var malformed = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => _sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = "foobared" }));
        var notFound = await Assert.ThrowsAsync<ResourceNotFoundException>(() => _sqs.CancelMessageMoveTaskAsync(new CancelMessageMoveTaskRequest { TaskHandle = unknown }));

        Assert.Equal("InvalidParameterValue", malformed.ErrorCode);
        Assert.Equal("Task does not exist.", notFound.Message);
    }

    private async Task<TestQueue> NewQueueAsync(string prefix, TestQueue? deadLetter = null)
    {
        var request = new CreateQueueRequest { QueueName = Clients.Unique(prefix) };
        if (deadLetter is not null)
        {
            request.Attributes = new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetter.Arn}}","maxReceiveCount":"1"}""" };
        }

        var url = (await _sqs.CreateQueueAsync(request)).QueueUrl;
        var arn = (await _sqs.GetQueueAttributesAsync(url, ["QueueArn"])).Attributes["QueueArn"];
        return new TestQueue(url, arn);
    }

    /// <summary>Sends each body and receives it twice without deleting it: with maxReceiveCount 1 it moves to the dead-letter queue.</summary>
    private async Task PoisonAsync(TestQueue source, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            await _sqs.SendMessageAsync(source.Url, body);
        }

        await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = source.Url, MaxNumberOfMessages = 10, VisibilityTimeout = 0 });
        var again = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = source.Url, MaxNumberOfMessages = 10 });
        Assert.Empty(again.Messages ?? []);
    }

    private async Task<ListMessageMoveTasksResultEntry> CompletedTaskAsync(string sourceArn) =>
        await Eventually.ReturnsAsync(async () =>
            (await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = sourceArn })).Results.SingleOrDefault(t => t.Status == "COMPLETED"),
            Deadline, "the move task lists as COMPLETED");

    private async Task<Message> ReceiveOneAsync(TestQueue queue) =>
        Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = queue.Url, WaitTimeSeconds = 5 })).Messages);

    private async Task<int> VisibleCountAsync(TestQueue queue) =>
        int.Parse((await _sqs.GetQueueAttributesAsync(queue.Url, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture);

    private sealed record TestQueue(string Url, string Arn);
}
