using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Ecommerce.Shared.EventBridge;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>What our EventBridge client puts on the wire, seen by a bare socket instead of an emulator.</summary>
public class EventBridgeClientTests
{
    [Fact]
    public async Task A_request_is_signed_with_SigV4_for_events_in_the_region_and_names_its_operation()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        var config = new EventBridgeClientConfig { ServiceURL = url, AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 };
        using var client = new EventBridgeClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), config);

        var answering = AnswerOnceAsync(listener, """{"EventBusArn":"arn:aws:events:eu-west-1:1:event-bus/orders"}""");
        var arn = await Task.Run(() => client.CreateEventBusAsync("orders", CancellationToken.None));
        var request = await answering;

        Assert.Equal("arn:aws:events:eu-west-1:1:event-bus/orders", arn);
        Assert.StartsWith("POST / HTTP/1.1", request, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Target: AWSEvents.CreateEventBus", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: application/x-amz-json-1.1", request, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/eu-west-1/events/aws4_request", request);
        Assert.EndsWith("""{"Name":"orders"}""", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_put_events_entry_carries_its_trace_header_and_leaves_it_out_when_there_is_none()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var config = new EventBridgeClientConfig { ServiceURL = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 };
        using var client = new EventBridgeClient(new BasicAWSCredentials("AKIDEXAMPLE", "secret"), config);
        var traced = new EventEntry("bus", "s", "t", "{}", TraceHeader: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");

        var answering = AnswerOnceAsync(listener, """{"FailedEntryCount":0,"Entries":[{"EventId":"1"},{"EventId":"2"}]}""");
        await Task.Run(() => client.PutEventsAsync([traced, traced with { TraceHeader = null }], CancellationToken.None));
        var request = await answering;

        Assert.EndsWith(
            """{"Entries":[{"EventBusName":"bus","Source":"s","DetailType":"t","Detail":"{}","TraceHeader":"Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"},{"EventBusName":"bus","Source":"s","DetailType":"t","Detail":"{}"}]}""",
            request,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_endpoint_the_client_goes_to_the_regional_aws_endpoint()
    {
        var config = new EventBridgeClientConfig { RegionEndpoint = RegionEndpoint.EUWest1 };

        var endpoint = config.DetermineServiceOperationEndpoint(new Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters(new EmptyRequest()));

        Assert.Equal("https://events.eu-west-1.amazonaws.com", endpoint.URL);
    }

    /// <summary>Reads one HTTP request from the socket and answers it with <paramref name="body"/>.</summary>
    private static async Task<string> AnswerOnceAsync(TcpListener listener, string body)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var socket = await listener.AcceptTcpClientAsync(timeout.Token);
        var stream = socket.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[8192];
        while (!IsComplete(received.ToString()))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        var response = $"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";
        await stream.WriteAsync(Encoding.UTF8.GetBytes(response));
        return received.ToString();
    }

    private static bool IsComplete(string request)
    {
        var headerEnd = request.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headerEnd < 0)
        {
            return false;
        }

        var length = request[..headerEnd].Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return Encoding.UTF8.GetByteCount(request[(headerEnd + 4)..]) >= length;
    }

    private sealed class EmptyRequest : AmazonWebServiceRequest;
}
