using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>What the edge answers to calls no SDK would make: still AWS's error shape, never a 500.</summary>
[Collection(EdgeDefinition.Name)]
public sealed class EdgeTests(LocalEdge edge)
{
    [FaultInjectionFact]
    public async Task An_unknown_target_is_answered_with_an_aws_error()
    {
        var (status, body) = await PostAsync("Kinesis_20131202.PutRecord", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.EndsWith("UnknownOperationException", (string?)body["__type"], StringComparison.Ordinal);
    }

    [FaultInjectionFact]
    public async Task A_body_that_is_not_json_is_a_SerializationException()
    {
        var (status, body) = await PostAsync("AWSEvents.PutEvents", "{not json");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SerializationException", (string?)body["__type"]);
    }

    [FaultInjectionFact]
    public async Task An_sqs_error_carries_the_query_protocol_code_in_a_header_as_SQS_does()
    {
        using var http = new HttpClient();
        using var content = Json("AmazonSQS.GetQueueUrl", """{"QueueName":"no-such-queue"}""", "application/x-amz-json-1.0");

        using var response = await http.PostAsync(new Uri(edge.EndpointUrl), content);

        Assert.Equal("AWS.SimpleQueueService.NonExistentQueue;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
        Assert.Equal("com.amazonaws.sqs#QueueDoesNotExist", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string target, string body)
    {
        using var http = new HttpClient();
        using var content = Json(target, body, "application/x-amz-json-1.1");
        using var response = await http.PostAsync(new Uri(edge.EndpointUrl), content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static StringContent Json(string target, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.Add("X-Amz-Target", target);
        return content;
    }
}
