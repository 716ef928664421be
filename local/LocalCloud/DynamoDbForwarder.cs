namespace Ecommerce.LocalCloud;

/// <summary>Passes DynamoDB and DynamoDB Streams calls through to DynamoDB Local untouched: method, path, headers, body and status.</summary>
public sealed class DynamoDbForwarder(HttpClient client, LocalCloudOptions options)
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    public async Task ForwardAsync(HttpContext context)
    {
        if (string.IsNullOrEmpty(options.DynamoDbUrl))
        {
            throw new AwsException("InternalServerError", "LocalCloud has no DynamoDB to forward to (set LocalCloud:DynamoDbUrl).", StatusCodes.Status500InternalServerError);
        }

        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), options.DynamoDbUrl.TrimEnd('/') + context.Request.Path + context.Request.QueryString)
        {
            Content = new StreamContent(context.Request.Body),
        };
        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!forward.Headers.TryAddWithoutValidation(name, [.. values]))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, [.. values]);
            }
        }

        using var response = await client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
