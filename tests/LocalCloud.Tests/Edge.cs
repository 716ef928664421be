using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.SQS;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.EventBridge;
using Ecommerce.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.LocalCloud.Tests;

[CollectionDefinition(Name)]
public sealed class EdgeDefinition : ICollectionFixture<LocalEdge>
{
    public const string Name = "edge";
}

/// <summary>Unmodified AWS clients, and ours, pointed at the edge the way a service points them.</summary>
public static class Clients
{
    private static readonly BasicAWSCredentials Credentials = new("local", "local");

    public static AmazonSQSClient Sqs(LocalEdge edge) => Sqs(edge.EndpointUrl);

    public static AmazonSQSClient Sqs(string endpointUrl) =>
        new(Credentials, new AmazonSQSConfig { ServiceURL = endpointUrl, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    public static AmazonDynamoDBClient DynamoDb(LocalEdge edge) => DynamoDb(edge.EndpointUrl);

    public static AmazonDynamoDBClient DynamoDb(string endpointUrl) =>
        new(Credentials, new AmazonDynamoDBConfig { ServiceURL = endpointUrl, AuthenticationRegion = "us-east-1" });

    /// <summary>Our DynamoDB Streams client, registered exactly as a service registers it.</summary>
    public static DynamoDbStreamsClient DynamoDbStreams(LocalEdge edge)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = edge.EndpointUrl });
        builder.AddDynamoDbStreamsClient();
        return builder.Services.BuildServiceProvider().GetRequiredService<DynamoDbStreamsClient>();
    }

    /// <summary>Our EventBridge client, registered exactly as the services register it.</summary>
    public static IEventBridgeClient EventBridge(LocalEdge edge) =>
        EventBridge(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = edge.EndpointUrl });

    public static IEventBridgeClient EventBridge(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddEventBridgeClient();
        return builder.Services.BuildServiceProvider().GetRequiredService<IEventBridgeClient>();
    }

    /// <summary>One call of an AWS JSON protocol as raw HTTP, for what no SDK client here sends.</summary>
    public static async Task<RawAnswer> PostAsync(LocalEdge edge, string target, string body, string contentType = "application/x-amz-json-1.1")
    {
        using var http = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.Add("X-Amz-Target", target);
        using var response = await http.PostAsync(new Uri(edge.EndpointUrl), content);
        var headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(',', h.Value), StringComparer.OrdinalIgnoreCase);
        return new RawAnswer(response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!, headers);
    }

    /// <summary>Queues a fault at a LocalCloud, for what <see cref="LocalEdge"/>'s helpers do not say (a delay, a provider's operation).</summary>
    public static async Task InjectFaultAsync(string cloudUrl, FaultSpec fault)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsJsonAsync(new Uri($"{cloudUrl}/_localcloud/faults"), fault, LocalCloudJsonContext.Default.FaultSpec);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A name no other test uses, so tests sharing the edge never see each other's resources.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 80)];
}

public sealed record RawAnswer(HttpStatusCode Status, JsonNode Body, IReadOnlyDictionary<string, string> Headers);
