using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Microsoft.Extensions.Primitives;

namespace Ecommerce.LocalCloud.Sqs;

/// <summary>
/// SQS's query protocol, as AWS CLI, boto3 and the SDKs spoke it before JSON: form-encoded (or, on a GET, URL)
/// parameters such as <c>Action=SendMessage&amp;Attribute.1.Name=...</c> in, XML in the 2012-11-05 namespace out.
/// Parameters become the JSON protocol's request and the JSON protocol's answer becomes XML, so both protocols
/// run the same operations.
/// </summary>
public sealed class SqsQueryCodec(string operation) : ISqsCodec
{
    public const string Namespace = "http://queue.amazonaws.com/doc/2012-11-05/";

    // A flattened list in a request: the query name of one item, and the JSON member the items fill.
    private static readonly Dictionary<string, string> RequestLists = new(StringComparer.Ordinal)
    {
        ["AttributeName"] = "AttributeNames",
        ["MessageAttributeName"] = "MessageAttributeNames",
        ["MessageSystemAttributeName"] = "MessageSystemAttributeNames",
        ["SendMessageBatchRequestEntry"] = "Entries",
        ["DeleteMessageBatchRequestEntry"] = "Entries",
        ["ChangeMessageVisibilityBatchRequestEntry"] = "Entries",
    };

    // A flattened map in a request: the query name of one Name/Value pair, and the JSON member it fills.
    private static readonly Dictionary<string, string> RequestMaps = new(StringComparer.Ordinal)
    {
        ["Attribute"] = "Attributes",
        ["MessageAttribute"] = "MessageAttributes",
        ["MessageSystemAttribute"] = "MessageSystemAttributes",
    };

    // The XML element of one item of a JSON list or map in an answer; a batch's successes are named after the operation.
    private static readonly Dictionary<string, string> AnswerItems = new(StringComparer.Ordinal)
    {
        ["QueueUrls"] = "QueueUrl",
        ["Messages"] = "Message",
        ["Failed"] = "BatchResultErrorEntry",
        ["Results"] = "ListMessageMoveTasksResultEntry",
        ["Attributes"] = "Attribute",
        ["MessageAttributes"] = "MessageAttribute",
    };

    // Query parameters are all text: numbers arrive as "10".
    private static readonly SqsJsonContext FromText = new(new JsonSerializerOptions { NumberHandling = JsonNumberHandling.AllowReadingFromString });

    private static readonly XmlWriterSettings Xml = new() { Encoding = new UTF8Encoding(false), Async = true };

    /// <summary>True when the request speaks the query protocol: a form body, or a GET with an <c>Action</c>.</summary>
    public static bool Speaks(HttpRequest request) =>
        request.HasFormContentType || (HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("Action"));

    public static async Task<IReadOnlyDictionary<string, string>> ParametersAsync(HttpRequest request)
    {
        IEnumerable<KeyValuePair<string, StringValues>> pairs = request.HasFormContentType
            ? await request.ReadFormAsync(request.HttpContext.RequestAborted)
            : request.Query;
        return pairs.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    /// <summary>The JSON protocol's request for these parameters; a request sent to a queue's URL names its queue by it.</summary>
    public static SqsRequest Read(IReadOnlyDictionary<string, string> parameters, string? queueUrlOfPath)
    {
        var request = Structure([.. parameters.Select(p => new Field(p.Key.Split('.'), p.Value))]);
        if (queueUrlOfPath is not null && !request.ContainsKey("QueueUrl"))
        {
            request["QueueUrl"] = queueUrlOfPath;
        }

        try
        {
            return request.Deserialize(FromText.SqsRequest) ?? new SqsRequest();
        }
        catch (JsonException e)
        {
            throw new AwsException("InvalidParameterValue", $"Value for parameter {e.Path?.TrimStart('$', '.')} is invalid.");
        }
    }

    public async Task WriteAsync<T>(HttpContext context, T response, JsonTypeInfo<T> typeInfo)
    {
        var answer = JsonSerializer.SerializeToNode(response, typeInfo) as JsonObject ?? [];
        await WriteXmlAsync(context, StatusCodes.Status200OK, async xml =>
        {
            await xml.WriteStartElementAsync(null, operation + "Response", Namespace);
            // Operations that answer nothing have no Result element.
            if (response is not EmptyResponse)
            {
                await xml.WriteStartElementAsync(null, operation + "Result", null);
                await WriteMembersAsync(xml, answer);
                await xml.WriteEndElementAsync();
            }

            await xml.WriteStartElementAsync(null, "ResponseMetadata", null);
            await xml.WriteElementStringAsync(null, "RequestId", null, RequestId(context));
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        });
    }

    /// <summary>An error as SQS's query protocol gives it, with the query-protocol code (e.g. <c>AWS.SimpleQueueService.NonExistentQueue</c>).</summary>
    public static Task WriteErrorAsync(HttpContext context, AwsException error) =>
        WriteXmlAsync(context, error.StatusCode, async xml =>
        {
            await xml.WriteStartElementAsync(null, "ErrorResponse", Namespace);
            await xml.WriteStartElementAsync(null, "Error", null);
            await xml.WriteElementStringAsync(null, "Type", null, error.Fault);
            await xml.WriteElementStringAsync(null, "Code", null, AwsProtocol.Sqs.QueryErrorCode(error.Code) ?? error.Code);
            await xml.WriteElementStringAsync(null, "Message", null, error.Message);
            await xml.WriteElementStringAsync(null, "Detail", null, "");
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync(null, "RequestId", null, RequestId(context));
            await xml.WriteEndElementAsync();
        });

    private static string RequestId(HttpContext context) => context.Response.Headers["x-amzn-RequestId"].ToString();

    private static async Task WriteXmlAsync(HttpContext context, int statusCode, Func<XmlWriter, Task> write)
    {
        using var buffer = new MemoryStream();
        await using (var xml = XmlWriter.Create(buffer, Xml))
        {
            await xml.WriteStartDocumentAsync();
            await write(xml);
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/xml";
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private async Task WriteMembersAsync(XmlWriter xml, JsonObject members)
    {
        foreach (var (name, value) in members)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonArray items:
                    var itemName = name == "Successful" ? operation + "ResultEntry" : AnswerItems[name];
                    foreach (var item in items)
                    {
                        await WriteNodeAsync(xml, itemName, item);
                    }

                    break;
                case JsonObject map when AnswerItems.TryGetValue(name, out var entryName):
                    foreach (var (key, entry) in map)
                    {
                        await xml.WriteStartElementAsync(null, entryName, null);
                        await xml.WriteElementStringAsync(null, "Name", null, key);
                        await WriteNodeAsync(xml, "Value", entry);
                        await xml.WriteEndElementAsync();
                    }

                    break;
                default:
                    await WriteNodeAsync(xml, name, value);
                    break;
            }
        }
    }

    private async Task WriteNodeAsync(XmlWriter xml, string name, JsonNode? node)
    {
        await xml.WriteStartElementAsync(null, name, null);
        if (node is JsonObject members)
        {
            await WriteMembersAsync(xml, members);
        }
        else
        {
            await xml.WriteStringAsync(node?.GetValueKind() switch
            {
                JsonValueKind.String => node.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => node?.ToJsonString() ?? "",
            });
        }

        await xml.WriteEndElementAsync();
    }

    /// <summary>The JSON object that parameters named <c>a.b.c</c> make, with flattened lists and maps gathered by index.</summary>
    private static JsonObject Structure(List<Field> fields)
    {
        if (fields.Any(f => f.Path.Length == 0))
        {
            throw new AwsException("MalformedQueryString", "A parameter of the request is both a value and a list or structure.");
        }

        var structure = new JsonObject();
        foreach (var member in fields.GroupBy(f => f.Path[0], StringComparer.Ordinal))
        {
            List<Field> rest = [.. member.Select(f => f.Inner())];
            if (rest is [{ Path.Length: 0 } scalar])
            {
                structure[member.Key] = scalar.Value;
            }
            else if (RequestLists.TryGetValue(member.Key, out var list))
            {
                structure[list] = new JsonArray([.. Items(member.Key, rest).Select(Node)]);
            }
            else if (RequestMaps.TryGetValue(member.Key, out var map))
            {
                var entries = new JsonObject();
                foreach (var (key, value) in Items(member.Key, rest).Select(entry => MapEntry(member.Key, entry)))
                {
                    entries[key] = value;
                }

                structure[map] = entries;
            }
            else
            {
                structure[member.Key] = Structure(rest);
            }
        }

        return structure;
    }

    /// <summary>The items of a flattened list or map, <c>Name.1...</c>, <c>Name.2...</c>, in the order of their index.</summary>
    private static IEnumerable<List<Field>> Items(string name, List<Field> fields) =>
        fields.GroupBy(f => f.Path is [var index, ..] && int.TryParse(index, out var n) && n > 0 ? n : throw Malformed(name))
            .OrderBy(item => item.Key)
            .Select(item => item.Select(f => f.Inner()).ToList());

    private static KeyValuePair<string, JsonNode?> MapEntry(string name, List<Field> fields)
    {
        var key = fields.Find(f => f.Path is ["Name"])?.Value ?? throw Malformed(name);
        List<Field> value = [.. fields.Where(f => f.Path is ["Value", ..]).Select(f => f.Inner())];
        return new(key, value.Count == 0 ? throw Malformed(name) : Node(value));
    }

    private static JsonNode Node(List<Field> fields) => fields is [{ Path.Length: 0 } scalar] ? JsonValue.Create(scalar.Value) : Structure(fields);

    private static AwsException Malformed(string name) =>
        new("MalformedQueryString", $"The parameters {name}.N of the request must be numbered from 1, each with its members.");

    /// <summary>One parameter: its name split at the dots, and its value.</summary>
    private sealed record Field(string[] Path, string Value)
    {
        public Field Inner() => this with { Path = Path[1..] };
    }
}
