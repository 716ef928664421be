using System.Diagnostics;
using System.Net.Http.Json;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Logging;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>LocalCloud hosted in-process, as fixtures and the app host start it.</summary>
public class LocalCloudHostTests
{
    [Fact]
    public async Task A_host_on_port_zero_reports_the_url_it_listens_on()
    {
        await using var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { Port = 0, MinimumLogLevel = LogLevel.Warning }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(cloud.Url) };

        var health = await http.GetFromJsonAsync<Health>("/_localcloud/health");

        Assert.StartsWith("http://127.0.0.1:", cloud.Url, StringComparison.Ordinal);
        Assert.Equal("healthy", health!.Status);
        Assert.Null(health.DynamoDbUrl);
    }

    [Fact]
    public async Task Stopping_the_host_ends_a_long_poll_at_once()
    {
        var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions { Port = 0, MinimumLogLevel = LogLevel.Warning }, CancellationToken.None);
        using var sqs = new AmazonSQSClient(new BasicAWSCredentials("local", "local"), new AmazonSQSConfig { ServiceURL = cloud.Url, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });
        var url = (await sqs.CreateQueueAsync("waiting")).QueueUrl;
        var polling = sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 });
        var clock = Stopwatch.StartNew();

        await cloud.DisposeAsync();
        var received = await polling;

        Assert.Empty(received.Messages ?? []);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {clock.Elapsed}");
    }
}
