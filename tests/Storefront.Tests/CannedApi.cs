using System.Net;
using System.Text;

namespace Ecommerce.Storefront.Tests;

/// <summary>
/// The shop's HTTP API as a component test needs it: canned answers per "METHOD /path", and every request the
/// storefront sent, body and headers included. An unexpected call fails the test.
/// </summary>
public sealed class CannedApi : HttpMessageHandler
{
    private readonly Dictionary<string, Queue<Answer>> _answers = [];

    public List<SentRequest> Sent { get; } = [];

    /// <summary>Queues an answer; the last one queued for a call answers it again and again.</summary>
    public CannedApi On(string call, HttpStatusCode status, string? json = null, string contentType = "application/json", string? retryAfter = null, string? etag = null)
    {
        if (!_answers.TryGetValue(call, out var queue))
        {
            _answers[call] = queue = new Queue<Answer>();
        }

        queue.Enqueue(new Answer(status, json, contentType, retryAfter, etag));
        return this;
    }

    public CannedApi OnProblem(string call, HttpStatusCode status, string problemJson, string? retryAfter = null) =>
        On(call, status, problemJson, "application/problem+json", retryAfter);

    /// <summary>Answers the one availability read of a page that shows these products, in this order.</summary>
    public CannedApi OnStock(params (string ProductId, int Available)[] levels) =>
        On($"GET /inventory?productIds={string.Join(',', levels.Select(level => level.ProductId))}", HttpStatusCode.OK,
            $$"""{"items":[{{string.Join(',', levels.Select(level => $$"""{"productId":"{{level.ProductId}}","available":{{level.Available}}}"""))}}]}""");

    public IEnumerable<SentRequest> SentTo(string call) => Sent.Where(request => request.Call == call);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = $"{request.Method} {request.RequestUri!.PathAndQuery}";
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Sent.Add(new SentRequest(call, body, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value))));
        if (!_answers.TryGetValue(call, out var queue))
        {
            throw new InvalidOperationException($"The storefront called {call}, which the test did not expect.");
        }

        var answer = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        var response = new HttpResponseMessage(answer.Status);
        if (answer.Json is not null)
        {
            response.Content = new StringContent(answer.Json, Encoding.UTF8, answer.ContentType);
        }

        if (answer.RetryAfter is not null)
        {
            response.Headers.Add("Retry-After", answer.RetryAfter);
        }

        if (answer.ETag is not null)
        {
            response.Headers.ETag = System.Net.Http.Headers.EntityTagHeaderValue.Parse(answer.ETag);
        }

        return response;
    }

    private sealed record Answer(HttpStatusCode Status, string? Json, string ContentType, string? RetryAfter, string? ETag);
}

/// <summary>A request the storefront sent: "METHOD /path?query", its body, its headers.</summary>
public sealed record SentRequest(string Call, string? Body, IReadOnlyDictionary<string, string> Headers);
