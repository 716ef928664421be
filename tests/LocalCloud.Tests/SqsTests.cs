using System.Diagnostics;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.LocalCloud.Sqs;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>The unmodified AWSSDK.SQS client against the edge: every operation LocalCloud serves.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class SqsTests(LocalEdge edge) : IDisposable
{
    private readonly AmazonSQSClient _sqs = Clients.Sqs(edge);

    public void Dispose() => _sqs.Dispose();

    [Fact]
    public async Task A_created_queue_is_found_by_get_queue_url_and_list_queues()
    {
        var name = Clients.Unique("orders");

        var created = await _sqs.CreateQueueAsync(name);
        var found = await _sqs.GetQueueUrlAsync(name);
        var listed = await _sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = name });

        Assert.EndsWith("/" + name, created.QueueUrl, StringComparison.Ordinal);
        Assert.Equal(created.QueueUrl, found.QueueUrl);
        Assert.Equal([created.QueueUrl], listed.QueueUrls);
    }

    [Fact]
    public async Task List_queues_pages_with_max_results_and_next_token()
    {
        var prefix = Clients.Unique("page");
        foreach (var suffix in new[] { "a", "b", "c" })
        {
            await _sqs.CreateQueueAsync(prefix + suffix);
        }

        var first = await _sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix, MaxResults = 2 });
        var second = await _sqs.ListQueuesAsync(new ListQueuesRequest { QueueNamePrefix = prefix, MaxResults = 2, NextToken = first.NextToken });

        Assert.Equal(2, first.QueueUrls.Count);
        Assert.NotNull(first.NextToken);
        Assert.EndsWith(prefix + "c", Assert.Single(second.QueueUrls), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_queue_again_with_the_same_attributes_returns_it_and_with_other_ones_fails()
    {
        var name = Clients.Unique("idem");
        var attributes = new Dictionary<string, string> { ["VisibilityTimeout"] = "45" };
        var first = await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes });

        var again = await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes });
        var different = new CreateQueueRequest { QueueName = name, Attributes = new() { ["VisibilityTimeout"] = "46" } };

        Assert.Equal(first.QueueUrl, again.QueueUrl);
        await Assert.ThrowsAsync<QueueNameExistsException>(() => _sqs.CreateQueueAsync(different));
    }

    [Fact]
    public async Task A_missing_queue_raises_QueueDoesNotExistException()
    {
        var error = await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync(Clients.Unique("missing")));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task An_invalid_attribute_value_raises_InvalidAttributeValueException()
    {
        var request = new CreateQueueRequest { QueueName = Clients.Unique("bad"), Attributes = new() { ["VisibilityTimeout"] = "50000" } };

        await Assert.ThrowsAsync<InvalidAttributeValueException>(() => _sqs.CreateQueueAsync(request));
    }

    [Fact]
    public async Task Queue_attributes_report_the_arn_the_counts_and_what_was_set()
    {
        var name = Clients.Unique("attrs");
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new() { ["DelaySeconds"] = "0", ["MessageRetentionPeriod"] = "600", ["ReceiveMessageWaitTimeSeconds"] = "2", ["SqsManagedSseEnabled"] = "true" },
        })).QueueUrl;
        await _sqs.SendMessageAsync(url, "one");
        await _sqs.SendMessageAsync(url, "two");
        await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 1 });
        await _sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { ["VisibilityTimeout"] = "90" });

        var attributes = (await _sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;

        Assert.Equal($"arn:aws:sqs:us-east-1:000000000000:{name}", attributes["QueueArn"]);
        Assert.Equal("1", attributes["ApproximateNumberOfMessages"]);
        Assert.Equal("1", attributes["ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal("90", attributes["VisibilityTimeout"]);
        Assert.Equal("600", attributes["MessageRetentionPeriod"]);
        Assert.Equal("2", attributes["ReceiveMessageWaitTimeSeconds"]);
        Assert.Equal("true", attributes["SqsManagedSseEnabled"]);
    }

    [Fact]
    public async Task A_sent_message_is_received_with_its_body_attributes_and_system_attributes()
    {
        var url = await NewQueueAsync("send");
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = """{"orderId":"42","note":"ünïcödé"}""",
            MessageAttributes = new()
            {
                ["kind"] = new MessageAttributeValue { DataType = "String", StringValue = "checkout" },
                ["size"] = new MessageAttributeValue { DataType = "Number", StringValue = "3" },
            },
        });

        // The SDK checks MD5OfBody and MD5OfMessageAttributes on both calls and throws when they are wrong.
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        });

        var message = Assert.Single(received.Messages);
        Assert.Equal(sent.MessageId, message.MessageId);
        Assert.Equal("""{"orderId":"42","note":"ünïcödé"}""", message.Body);
        Assert.Equal("checkout", message.MessageAttributes["kind"].StringValue);
        Assert.Equal("1", message.Attributes["ApproximateReceiveCount"]);
        Assert.True(long.Parse(message.Attributes["SentTimestamp"], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(message.Attributes.ContainsKey("ApproximateFirstReceiveTimestamp"));
    }

    [Fact]
    public async Task A_trace_header_sent_as_a_system_attribute_is_received_when_asked_for_by_either_name_list()
    {
        const string traceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var url = await NewQueueAsync("trace");
        var trace = new Dictionary<string, MessageSystemAttributeValue> { ["AWSTraceHeader"] = new() { DataType = "String", StringValue = traceHeader } };
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "one", MessageSystemAttributes = trace });
        var batch = await _sqs.SendMessageBatchAsync(new SendMessageBatchRequest
        {
            QueueUrl = url,
            Entries = [new SendMessageBatchRequestEntry("two", "two") { MessageSystemAttributes = trace }],
        });

        // AttributeNames is the SDK's obsolete name for the list; SQS still honours it, and so must LocalCloud.
#pragma warning disable CS0618
        var legacy = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 1, VisibilityTimeout = 0, AttributeNames = ["AWSTraceHeader"] });
#pragma warning restore CS0618
        var current = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["All"] });
        var unasked = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10, VisibilityTimeout = 0 });

        Assert.Equal(SqsChecksums.OfAttributes(new Dictionary<string, SqsAttributeValue> { ["AWSTraceHeader"] = new("String", traceHeader) }), sent.MD5OfMessageSystemAttributes);
        Assert.NotNull(Assert.Single(batch.Successful).MD5OfMessageSystemAttributes);
        Assert.Equal(traceHeader, Assert.Single(legacy.Messages).Attributes["AWSTraceHeader"]);
        Assert.Equal(2, current.Messages.Count);
        Assert.All(current.Messages, m => Assert.Equal(traceHeader, m.Attributes["AWSTraceHeader"]));
        Assert.Empty(unasked.Messages ?? []);
    }

    [Fact]
    public async Task A_system_attribute_other_than_AWSTraceHeader_is_an_invalid_parameter()
    {
        var url = await NewQueueAsync("badtrace");
        var request = new SendMessageRequest
        {
            QueueUrl = url,
            MessageBody = "x",
            MessageSystemAttributes = new() { ["SenderId"] = new MessageSystemAttributeValue { DataType = "String", StringValue = "me" } },
        };

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() => _sqs.SendMessageAsync(request));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal((0, 0), await CountsAsync(url));
    }

    [Fact]
    public async Task A_long_poll_returns_as_soon_as_a_message_arrives()
    {
        var url = await NewQueueAsync("long");
        var clock = Stopwatch.StartNew();

        var receiving = _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 });
        await _sqs.SendMessageAsync(url, "wake up");
        var received = await receiving;

        Assert.Equal("wake up", Assert.Single(received.Messages).Body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_long_poll_on_an_empty_queue_waits_its_time_and_returns_nothing()
    {
        var url = await NewQueueAsync("empty");
        var clock = Stopwatch.StartNew();

        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 });

        Assert.Empty(received.Messages ?? []);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"returned after {clock.Elapsed}");
    }

    [Fact]
    public async Task An_unacknowledged_message_returns_after_its_visibility_timeout_with_receive_count_2()
    {
        var url = await NewQueueAsync("visibility");
        await _sqs.SendMessageAsync(url, "retry me");
        var first = await ReceiveOneAsync(url, visibilityTimeout: 1);

        var hidden = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url });
        var again = await ReceiveOneAsync(url, visibilityTimeout: 30, waitTimeSeconds: 10);

        Assert.Empty(hidden.Messages ?? []);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.ReceiptHandle, again.ReceiptHandle);
        Assert.Equal("2", again.Attributes["ApproximateReceiveCount"]);
    }

    [Fact]
    public async Task A_deleted_message_is_gone_and_an_old_receipt_handle_deletes_nothing()
    {
        var url = await NewQueueAsync("delete");
        await _sqs.SendMessageAsync(url, "a");
        var stale = await ReceiveOneAsync(url, visibilityTimeout: 0);
        var current = await ReceiveOneAsync(url, visibilityTimeout: 30);

        await _sqs.DeleteMessageAsync(url, stale.ReceiptHandle);
        var afterStaleDelete = await CountsAsync(url);
        await _sqs.DeleteMessageAsync(url, current.ReceiptHandle);
        var afterDelete = await CountsAsync(url);

        Assert.Equal((0, 1), afterStaleDelete);
        Assert.Equal((0, 0), afterDelete);
    }

    [Fact]
    public async Task A_malformed_receipt_handle_raises_ReceiptHandleIsInvalidException()
    {
        var url = await NewQueueAsync("handle");

        await Assert.ThrowsAsync<ReceiptHandleIsInvalidException>(() => _sqs.DeleteMessageAsync(url, "not-a-handle"));
    }

    [Fact]
    public async Task Changing_visibility_to_zero_makes_the_message_receivable_at_once()
    {
        var url = await NewQueueAsync("change");
        await _sqs.SendMessageAsync(url, "now");
        var first = await ReceiveOneAsync(url, visibilityTimeout: 300);

        await _sqs.ChangeMessageVisibilityAsync(url, first.ReceiptHandle, 0);
        var again = await ReceiveOneAsync(url, visibilityTimeout: 300);

        Assert.Equal(first.MessageId, again.MessageId);
    }

    [Fact]
    public async Task Change_message_visibility_batch_reports_a_message_not_in_flight_per_entry()
    {
        var url = await NewQueueAsync("changebatch");
        await _sqs.SendMessageAsync(url, "in flight");
        await _sqs.SendMessageAsync(url, "visible again");
        var messages = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 2, VisibilityTimeout = 300 })).Messages;
        await _sqs.ChangeMessageVisibilityAsync(url, messages[1].ReceiptHandle, 0);

        var result = await _sqs.ChangeMessageVisibilityBatchAsync(url,
        [
            new ChangeMessageVisibilityBatchRequestEntry("flying", messages[0].ReceiptHandle) { VisibilityTimeout = 0 },
            new ChangeMessageVisibilityBatchRequestEntry("landed", messages[1].ReceiptHandle) { VisibilityTimeout = 60 },
        ]);

        Assert.Equal("flying", Assert.Single(result.Successful).Id);
        var failed = Assert.Single(result.Failed);
        Assert.Equal("landed", failed.Id);
        Assert.Equal("MessageNotInflight", failed.Code);
        Assert.Equal((2, 0), await CountsAsync(url));
    }

    [Fact]
    public async Task Delay_seconds_hide_a_message_until_they_pass()
    {
        var url = await NewQueueAsync("delay");
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "later", DelaySeconds = 1 });

        var atOnce = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url });
        var delayed = await ReceiveOneAsync(url, visibilityTimeout: 30, waitTimeSeconds: 10);

        Assert.Empty(atOnce.Messages ?? []);
        Assert.Equal("later", delayed.Body);
    }

    [Fact]
    public async Task A_message_received_more_than_max_receive_count_times_moves_to_the_dead_letter_queue()
    {
        var deadLetterUrl = await NewQueueAsync("dlq");
        var deadLetterArn = (await _sqs.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).Attributes["QueueArn"];
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = Clients.Unique("source"),
            Attributes = new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":"2"}""" },
        })).QueueUrl;
        var sent = await _sqs.SendMessageAsync(url, "poison");

        await ReceiveOneAsync(url, visibilityTimeout: 0);
        await ReceiveOneAsync(url, visibilityTimeout: 0);
        var third = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url });
        var dead = await ReceiveOneAsync(deadLetterUrl, visibilityTimeout: 30);

        Assert.Empty(third.Messages ?? []);
        Assert.Equal(sent.MessageId, dead.MessageId);
        Assert.Equal("poison", dead.Body);
    }

    [Fact]
    public async Task Send_message_batch_reports_the_failed_entry_and_sends_the_others()
    {
        var url = await NewQueueAsync("batch");

        var result = await _sqs.SendMessageBatchAsync(url,
        [
            new SendMessageBatchRequestEntry("ok-1", "first"),
            new SendMessageBatchRequestEntry("too-late", "second") { DelaySeconds = 901 },
            new SendMessageBatchRequestEntry("ok-2", "third"),
        ]);

        Assert.Equal(["ok-1", "ok-2"], result.Successful.Select(s => s.Id).Order());
        var failed = Assert.Single(result.Failed);
        Assert.Equal("too-late", failed.Id);
        Assert.Equal("InvalidParameterValue", failed.Code);
        Assert.True(failed.SenderFault);
        Assert.Equal((2, 0), await CountsAsync(url));
    }

    [Fact]
    public async Task Delete_message_batch_reports_an_invalid_receipt_handle_per_entry()
    {
        var url = await NewQueueAsync("delbatch");
        await _sqs.SendMessageAsync(url, "x");
        var message = await ReceiveOneAsync(url, visibilityTimeout: 30);

        var result = await _sqs.DeleteMessageBatchAsync(url,
        [
            new DeleteMessageBatchRequestEntry("good", message.ReceiptHandle),
            new DeleteMessageBatchRequestEntry("bad", "garbage"),
        ]);

        Assert.Equal("good", Assert.Single(result.Successful).Id);
        Assert.Equal("ReceiptHandleIsInvalid", Assert.Single(result.Failed).Code);
        Assert.Equal((0, 0), await CountsAsync(url));
    }

    [Fact]
    public async Task A_batch_of_more_than_ten_entries_is_refused_whole()
    {
        var url = await NewQueueAsync("toomany");
        var entries = Enumerable.Range(0, 11).Select(i => new SendMessageBatchRequestEntry($"e{i}", "m")).ToList();

        await Assert.ThrowsAsync<TooManyEntriesInBatchRequestException>(() => _sqs.SendMessageBatchAsync(url, entries));
        Assert.Equal((0, 0), await CountsAsync(url));
    }

    [Fact]
    public async Task Receiving_more_than_ten_messages_at_once_is_an_invalid_parameter()
    {
        var url = await NewQueueAsync("max");

        var error = await Assert.ThrowsAnyAsync<AmazonSQSException>(() =>
            _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 11 }));

        Assert.Contains("InvalidParameterValue", error.ErrorCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_removes_every_message()
    {
        var url = await NewQueueAsync("purge");
        await _sqs.SendMessageAsync(url, "1");
        await _sqs.SendMessageAsync(url, "2");

        await _sqs.PurgeQueueAsync(url);

        Assert.Equal((0, 0), await CountsAsync(url));
    }

    [Fact]
    public async Task A_deleted_queue_no_longer_exists()
    {
        var name = Clients.Unique("gone");
        var url = (await _sqs.CreateQueueAsync(name)).QueueUrl;

        await _sqs.DeleteQueueAsync(url);

        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync(name));
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.SendMessageAsync(url, "late"));
    }

    private async Task<string> NewQueueAsync(string prefix) => (await _sqs.CreateQueueAsync(Clients.Unique(prefix))).QueueUrl;

    private async Task<Message> ReceiveOneAsync(string url, int visibilityTimeout, int waitTimeSeconds = 0)
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            VisibilityTimeout = visibilityTimeout,
            WaitTimeSeconds = waitTimeSeconds,
            MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        });
        return Assert.Single(received.Messages);
    }

    private async Task<(int Visible, int InFlight)> CountsAsync(string url)
    {
        var attributes = (await _sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])).Attributes;
        return (int.Parse(attributes["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
