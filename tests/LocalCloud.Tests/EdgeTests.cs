using System.Net;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>What the edge answers to calls no SDK would make: still AWS's error shape, never a 500.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class EdgeTests(LocalEdge edge)
{
    [FaultInjectionFact]
    public async Task An_unknown_target_is_answered_with_an_aws_error()
    {
        var answer = await Clients.PostAsync(edge, "Kinesis_20131202.PutRecord", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.EndsWith("UnknownOperationException", (string?)answer.Body["__type"], StringComparison.Ordinal);
    }

    [FaultInjectionFact]
    public async Task A_body_that_is_not_json_is_a_SerializationException()
    {
        var answer = await Clients.PostAsync(edge, "AWSEvents.PutEvents", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("SerializationException", (string?)answer.Body["__type"]);
    }

    [FaultInjectionFact]
    public async Task An_sqs_error_carries_the_query_protocol_code_in_a_header_as_SQS_does()
    {
        var answer = await Clients.PostAsync(edge, "AmazonSQS.GetQueueUrl", """{"QueueName":"no-such-queue"}""", "application/x-amz-json-1.0");

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", answer.Headers["x-amzn-query-error"]);
        Assert.Equal("com.amazonaws.sqs#QueueDoesNotExist", (string?)answer.Body["__type"]);
    }
}
