using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Amazon.SQS;
using Amazon.SQS.Model;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// SQS's query protocol, spoken by Debian's AWS CLI 2.9 and boto3 1.26 (both from before SQS moved to JSON),
/// beside the JSON protocol of the current AWSSDK.SQS: the same queues, messages and answers through both.
/// </summary>
[Collection(EdgeDefinition.Name)]
public sealed class QueryProtocolTests(LocalEdge edge) : IDisposable
{
    private const string TraceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private static readonly XNamespace Sqs = "http://queue.amazonaws.com/doc/2012-11-05/";
    private readonly AmazonSQSClient _sqs = Clients.Sqs(edge);

    public void Dispose() => _sqs.Dispose();

    [QueryClientFact(QueryClient.AwsCli)]
    public async Task The_aws_cli_creates_finds_lists_describes_purges_and_deletes_a_queue()
    {
        var name = Clients.Unique("cli");

        var url = (string)(await CliAsync("create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=45")).Json()["QueueUrl"]!;
        var found = (await CliAsync("get-queue-url", "--queue-name", name)).Json();
        var listed = (await CliAsync("list-queues", "--queue-name-prefix", name)).Json();
        var set = await CliAsync("set-queue-attributes", "--queue-url", url, "--attributes", "MessageRetentionPeriod=600");
        var cliAttributes = (await CliAsync("get-queue-attributes", "--queue-url", url, "--attribute-names", "All")).Json()["Attributes"]!.AsObject();
        var jsonAttributes = (await _sqs.GetQueueAttributesAsync(url, ["All"])).Attributes;
        await _sqs.SendMessageAsync(url, "purge me");
        var purge = await CliAsync("purge-queue", "--queue-url", url);
        var visibleAfterPurge = await VisibleAsync(url);
        var delete = await CliAsync("delete-queue", "--queue-url", url);

        Assert.EndsWith("/" + name, url, StringComparison.Ordinal);
        Assert.Equal(url, (string?)found["QueueUrl"]);
        Assert.Equal(url, (string?)listed["QueueUrls"]![0]);
        Assert.Equal([0, 0, 0], new[] { set.ExitCode, purge.ExitCode, delete.ExitCode });
        Assert.Equal("45", (string?)cliAttributes["VisibilityTimeout"]);
        Assert.Equal("600", (string?)cliAttributes["MessageRetentionPeriod"]);
        Assert.Equal(jsonAttributes.OrderBy(a => a.Key), cliAttributes.Select(a => KeyValuePair.Create(a.Key, (string)a.Value!)).OrderBy(a => a.Key));
        Assert.Equal(0, visibleAfterPurge);
        await Assert.ThrowsAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync(name));
    }

    [QueryClientFact(QueryClient.AwsCli)]
    public async Task The_aws_cli_sends_receives_changes_and_deletes_messages_as_the_json_sdk_sees_them()
    {
        var url = (await _sqs.CreateQueueAsync(Clients.Unique("climsg"))).QueueUrl;
        var cliSent = (await CliAsync(
            "send-message", "--queue-url", url, "--message-body", "from the cli",
            "--message-attributes", """{"kind":{"DataType":"String","StringValue":"checkout"},"blob":{"DataType":"Binary","BinaryValue":"AQI="}}""",
            "--message-system-attributes", $$$"""{"AWSTraceHeader":{"DataType":"String","StringValue":"{{{TraceHeader}}}"}}""")).Json();
        await _sqs.SendMessageBatchAsync(url, [new("a", "from the sdk") { MessageAttributes = new() { ["n"] = new() { DataType = "Number", StringValue = "7" } } }, new("b", "another")]);

        var cliReceived = (await CliAsync(
            "receive-message", "--queue-url", url, "--max-number-of-messages", "10", "--visibility-timeout", "0",
            "--attribute-names", "All", "--message-attribute-names", "All")).Json()["Messages"]!.AsArray();
        var jsonReceived = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url,
            MaxNumberOfMessages = 10,
            VisibilityTimeout = 300,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        })).Messages.OrderBy(m => m.Body, StringComparer.Ordinal).ToList();
        var changed = await CliAsync("change-message-visibility", "--queue-url", url, "--receipt-handle", jsonReceived[0].ReceiptHandle, "--visibility-timeout", "0");
        var changedBatch = (await CliAsync("change-message-visibility-batch", "--queue-url", url, "--entries",
            $$"""[{"Id":"one","ReceiptHandle":"{{jsonReceived[1].ReceiptHandle}}","VisibilityTimeout":0},{"Id":"bogus","ReceiptHandle":"bogus","VisibilityTimeout":0}]""")).Json();
        var deleted = await CliAsync("delete-message", "--queue-url", url, "--receipt-handle", jsonReceived[2].ReceiptHandle);
        var again = (await CliAsync("receive-message", "--queue-url", url, "--max-number-of-messages", "10")).Json()["Messages"]!.AsArray();
        var deletedBatch = (await CliAsync("delete-message-batch", "--queue-url", url, "--entries",
            new JsonArray([.. again.Select((m, i) => new JsonObject { ["Id"] = $"m{i}", ["ReceiptHandle"] = (string?)m!["ReceiptHandle"] })]).ToJsonString())).Json();

        Assert.Equal(32, ((string?)cliSent["MD5OfMessageSystemAttributes"])?.Length);
        Assert.Equal(3, cliReceived.Count);
        foreach (var (cli, json) in cliReceived.OrderBy(m => (string?)m!["Body"], StringComparer.Ordinal).Zip(jsonReceived))
        {
            Assert.Equal(json.MessageId, (string?)cli!["MessageId"]);
            Assert.Equal(json.MD5OfBody, (string?)cli["MD5OfBody"]);
            Assert.Equal(json.MD5OfMessageAttributes, (string?)cli["MD5OfMessageAttributes"]);
            Assert.Equal(json.Attributes.GetValueOrDefault("AWSTraceHeader"), (string?)cli["Attributes"]!["AWSTraceHeader"]);
            Assert.Equal(json.MessageAttributes?.Keys.Order(), cli["MessageAttributes"]?.AsObject().Select(a => a.Key).Order());
        }

        Assert.Equal(TraceHeader, jsonReceived.Single(m => m.Body == "from the cli").Attributes["AWSTraceHeader"]);
        Assert.Equal([1, 2], jsonReceived.Single(m => m.Body == "from the cli").MessageAttributes["blob"].BinaryValue.ToArray());
        Assert.Equal([0, 0], new[] { changed.ExitCode, deleted.ExitCode });
        Assert.Equal("one", (string?)changedBatch["Successful"]![0]!["Id"]);
        Assert.Equal("ReceiptHandleIsInvalid", (string?)changedBatch["Failed"]![0]!["Code"]);
        Assert.Equal(2, again.Count);
        Assert.Equal(2, deletedBatch["Successful"]!.AsArray().Count);
        Assert.Equal(0, await VisibleAsync(url));
    }

    [QueryClientFact(QueryClient.AwsCli)]
    public async Task The_aws_cli_reports_sqs_error_codes_for_a_missing_queue_and_an_invalid_parameter()
    {
        var url = (await _sqs.CreateQueueAsync(Clients.Unique("clierr"))).QueueUrl;

        var missing = await CliAsync("get-queue-url", "--queue-name", Clients.Unique("missing"));
        var invalid = await CliAsync("receive-message", "--queue-url", url, "--max-number-of-messages", "11");

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("(AWS.SimpleQueueService.NonExistentQueue)", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("(InvalidParameterValue)", invalid.Stderr, StringComparison.Ordinal);
    }

    [QueryClientFact(QueryClient.Boto3)]
    public async Task Boto3_runs_every_operation_and_sees_the_messages_the_json_sdk_sees()
    {
        var prefix = Clients.Unique("boto");
        var fromSdk = (await _sqs.CreateQueueAsync(prefix + "-from-sdk")).QueueUrl;
        var toSdk = (await _sqs.CreateQueueAsync(prefix + "-to-sdk")).QueueUrl;
        var sdkSent = await _sqs.SendMessageAsync(new SendMessageRequest
        {
            QueueUrl = fromSdk,
            MessageBody = "one",
            MessageAttributes = new()
            {
                ["kind"] = new() { DataType = "String", StringValue = "checkout" },
                ["blob"] = new() { DataType = "Binary", BinaryValue = new MemoryStream([1, 2]) },
            },
            MessageSystemAttributes = new() { ["AWSTraceHeader"] = new() { DataType = "String", StringValue = TraceHeader } },
        });

        var seen = (await QueryClients.RunAsync(QueryClients.Python, [Path.Combine(AppContext.BaseDirectory, "QueryClients", "boto3_sqs.py"), edge.EndpointUrl, prefix])).Json();
        var fromBoto3 = Assert.Single((await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = toSdk,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        })).Messages);

        Assert.Equal("query", (string?)seen["protocol"]);
        Assert.True((bool?)seen["foundUrl"]);
        Assert.Equal("45", (string?)seen["attributes"]!["VisibilityTimeout"]);
        Assert.Equal("600", (string?)seen["attributes"]!["MessageRetentionPeriod"]);
        // The same message sent through either protocol gets the same digests.
        Assert.Equal(sdkSent.MD5OfMessageBody, (string?)seen["sent"]!["MD5OfMessageBody"]);
        Assert.Equal(sdkSent.MD5OfMessageAttributes, (string?)seen["sent"]!["MD5OfMessageAttributes"]);
        Assert.Equal(sdkSent.MD5OfMessageSystemAttributes, (string?)seen["sent"]!["MD5OfMessageSystemAttributes"]);
        Assert.Equal("""["two"]""", seen["batchSent"]!.ToJsonString());
        Assert.Equal("""[["late","InvalidParameterValue",true]]""", seen["batchFailed"]!.ToJsonString());
        var one = seen["received"]![0]!;
        Assert.Equal("one", (string?)one["Body"]);
        Assert.Equal(sdkSent.MD5OfMessageAttributes, (string?)one["MD5OfMessageAttributes"]);
        Assert.Equal(TraceHeader, (string?)one["Attributes"]!["AWSTraceHeader"]);
        Assert.Equal("""{"kind":"checkout","blob":"AQI="}""", one["MessageAttributes"]!.ToJsonString());
        Assert.Equal("""[["second"],["ReceiptHandleIsInvalid"]]""", seen["changed"]!.ToJsonString());
        Assert.Equal("""[2,["rest"]]""", seen["deleted"]!.ToJsonString());
        Assert.Equal("0", (string?)seen["visibleAfterDelete"]);
        Assert.Equal("0", (string?)seen["visibleAfterPurge"]);
        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue", (string?)seen["error"]!["Code"]);
        var sentBySdk = seen["fromSdk"]!;
        Assert.Equal(one["MessageAttributes"]!.ToJsonString(), sentBySdk["MessageAttributes"]!.ToJsonString());
        Assert.Equal(sdkSent.MD5OfMessageAttributes, (string?)sentBySdk["MD5OfMessageAttributes"]);
        Assert.Equal(TraceHeader, (string?)sentBySdk["Attributes"]!["AWSTraceHeader"]);
        Assert.Equal(new[] { fromSdk, toSdk }, seen["listed"]!.AsArray().Select(u => (string)u!));
        Assert.Equal("from boto3", fromBoto3.Body);
        Assert.Equal(TraceHeader, fromBoto3.Attributes["AWSTraceHeader"]);
        Assert.Equal("checkout", fromBoto3.MessageAttributes["kind"].StringValue);
    }

    [Fact]
    public async Task Move_tasks_answer_in_xml_what_they_answer_in_json()
    {
        var deadLetterUrl = (await _sqs.CreateQueueAsync(Clients.Unique("qdlq"))).QueueUrl;
        var deadLetterArn = (await _sqs.GetQueueAttributesAsync(deadLetterUrl, ["QueueArn"])).Attributes["QueueArn"];
        var sourceUrl = (await _sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = Clients.Unique("qsrc"),
            Attributes = new() { ["RedrivePolicy"] = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":"1"}""" },
        })).QueueUrl;
        await _sqs.SendMessageAsync(sourceUrl, "poison");
        await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = sourceUrl, VisibilityTimeout = 0 });
        await _sqs.ReceiveMessageAsync(sourceUrl);

        var started = await QueryAsync(HttpMethod.Post, "/", ("Action", "StartMessageMoveTask"), ("SourceArn", deadLetterArn));
        var listed = await Eventually.ReturnsAsync(
            async () => (await QueryAsync(HttpMethod.Post, "/", ("Action", "ListMessageMoveTasks"), ("SourceArn", deadLetterArn), ("MaxResults", "10"))) is var answer
                && answer.Xml.Descendants(Sqs + "Status").Any(s => s.Value == "COMPLETED") ? answer : null,
            TimeSpan.FromSeconds(20), "the task lists as COMPLETED");
        var json = Assert.Single((await _sqs.ListMessageMoveTasksAsync(new ListMessageMoveTasksRequest { SourceArn = deadLetterArn, MaxResults = 10 })).Results);
        var cancel = await QueryAsync(HttpMethod.Post, "/", ("Action", "CancelMessageMoveTask"), ("TaskHandle", started.Xml.Descendants(Sqs + "TaskHandle").Single().Value));
        var sourceArn = (await _sqs.GetQueueAttributesAsync(sourceUrl, ["QueueArn"])).Attributes["QueueArn"];
        var notDeadLetter = await QueryAsync(HttpMethod.Post, "/", ("Action", "StartMessageMoveTask"), ("SourceArn", sourceArn));

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(Sqs + "StartMessageMoveTaskResponse", started.Xml.Root!.Name);
        var entry = listed.Xml.Descendants(Sqs + "ListMessageMoveTasksResultEntry").Single();
        Assert.Equal(json.Status, entry.Element(Sqs + "Status")!.Value);
        Assert.Equal(json.SourceArn, entry.Element(Sqs + "SourceArn")!.Value);
        Assert.Equal(json.ApproximateNumberOfMessagesMoved, long.Parse(entry.Element(Sqs + "ApproximateNumberOfMessagesMoved")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(json.ApproximateNumberOfMessagesToMove, long.Parse(entry.Element(Sqs + "ApproximateNumberOfMessagesToMove")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal(json.StartedTimestamp, long.Parse(entry.Element(Sqs + "StartedTimestamp")!.Value, CultureInfo.InvariantCulture));
        Assert.Null(entry.Element(Sqs + "TaskHandle"));
        Assert.Equal((HttpStatusCode.BadRequest, "Sender", "InvalidParameterValue"), Error(cancel));
        Assert.Equal((HttpStatusCode.BadRequest, "Sender", "InvalidParameterValue"), Error(notDeadLetter));
        Assert.Equal("Source queue must be configured as a Dead Letter Queue.", notDeadLetter.Xml.Descendants(Sqs + "Message").Single().Value);
    }

    [Fact]
    public async Task A_get_to_a_queues_own_url_names_the_queue_by_its_path()
    {
        var url = (await _sqs.CreateQueueAsync(Clients.Unique("qpath"))).QueueUrl;
        var path = new Uri(url).AbsolutePath;

        var sent = await QueryAsync(HttpMethod.Get, path, ("Action", "SendMessage"), ("MessageBody", "by path"), ("Version", "2012-11-05"));
        var received = await _sqs.ReceiveMessageAsync(url);

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var message = Assert.Single(received.Messages);
        Assert.Equal("by path", message.Body);
        Assert.Equal(message.MessageId, sent.Xml.Descendants(Sqs + "MessageId").Single().Value);
        Assert.Equal(message.MD5OfBody, sent.Xml.Descendants(Sqs + "MD5OfMessageBody").Single().Value);
        Assert.NotEmpty(sent.Xml.Descendants(Sqs + "RequestId").Single().Value);
    }

    [Fact]
    public async Task A_missing_queue_an_unknown_action_and_a_malformed_list_are_sqs_errors_in_xml()
    {
        var missing = await QueryAsync(HttpMethod.Post, "/", ("Action", "GetQueueUrl"), ("QueueName", Clients.Unique("missing")));
        var unknown = await QueryAsync(HttpMethod.Post, "/", ("Action", "TeleportMessage"));
        var malformed = await QueryAsync(HttpMethod.Post, "/", ("Action", "CreateQueue"), ("QueueName", Clients.Unique("bad")), ("Attribute.x.Name", "DelaySeconds"));
        var noAction = await QueryAsync(HttpMethod.Post, "/", ("QueueName", "x"));

        Assert.Equal((HttpStatusCode.BadRequest, "Sender", "AWS.SimpleQueueService.NonExistentQueue"), Error(missing));
        Assert.Equal((HttpStatusCode.BadRequest, "Sender", "AWS.SimpleQueueService.UnsupportedOperation"), Error(unknown));
        Assert.Equal((HttpStatusCode.BadRequest, "Sender", "MalformedQueryString"), Error(malformed));
        Assert.Equal((HttpStatusCode.BadRequest, "Sender", "MissingAction"), Error(noAction));
    }

    private Task<ClientRun> CliAsync(params string[] arguments) => QueryClients.AwsSqsAsync(edge.EndpointUrl, arguments);

    private async Task<int> VisibleAsync(string url) =>
        int.Parse((await _sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages"])).Attributes["ApproximateNumberOfMessages"], CultureInfo.InvariantCulture);

    /// <summary>One call in the query protocol, as raw HTTP: form-encoded for a POST, in the URL for a GET.</summary>
    private async Task<XmlAnswer> QueryAsync(HttpMethod method, string path, params (string Name, string Value)[] parameters)
    {
        using var http = new HttpClient { BaseAddress = new Uri(edge.EndpointUrl) };
        using var form = new FormUrlEncodedContent(parameters.Select(p => KeyValuePair.Create(p.Name, p.Value)));
        using var request = method == HttpMethod.Get
            ? new HttpRequestMessage(method, path + "?" + await form.ReadAsStringAsync())
            : new HttpRequestMessage(method, path) { Content = form };
        using var response = await http.SendAsync(request);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        return new XmlAnswer(response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static (HttpStatusCode Status, string Type, string Code) Error(XmlAnswer answer)
    {
        var error = answer.Xml.Root!.Element(Sqs + "Error")!;
        return (answer.Status, error.Element(Sqs + "Type")!.Value, error.Element(Sqs + "Code")!.Value);
    }

    private sealed record XmlAnswer(HttpStatusCode Status, XDocument Xml);
}
