using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>The EventBridge API (<c>X-Amz-Target: AWSEvents.*</c>, AWS JSON 1.1) over <see cref="EventBuses"/>.</summary>
public sealed class EventBridgeEndpoint(EventBuses buses, Faults faults, TimeProvider time, ILogger<EventBridgeEndpoint> logger)
{
    /// <summary>PutEvents takes at most this many entries, of at most this many bytes in all.</summary>
    public const int MaxEntries = 10;
    public const int MaxRequestBytes = 256 * 1024;

    // TestEventPattern's event must carry these; AWS's reference lists resources too, but AWS does not ask for it.
    private static readonly string[] EventFields = ["id", "account", "source", "time", "region", "detail-type"];

    public async Task HandleAsync(string operation, HttpContext context)
    {
        var request = await Edge.ReadAsync(context, EventBridgeJsonContext.Default.EventsRequest);
        logger.EventBridgeCall(operation, request.Name ?? request.Rule);
        switch (operation)
        {
            case "CreateEventBus":
                var created = buses.Create(AwsException.Required(request.Name, "Name"), request.Description);
                await WriteAsync(context, new EventBusArnResponse(created.Arn), EventBridgeJsonContext.Default.EventBusArnResponse);
                break;
            case "DescribeEventBus":
                var bus = buses.Get(request.Name);
                await WriteAsync(context, new EventBusResponse(bus.Name, bus.Arn, bus.Description), EventBridgeJsonContext.Default.EventBusResponse);
                break;
            case "ListEventBuses":
                var busPage = Page(buses.All.Where(b => b.Name.StartsWith(request.NamePrefix ?? "", StringComparison.Ordinal)), b => b.Name, request);
                await WriteAsync(context, new ListEventBusesResponse([.. busPage.Items.Select(b => new EventBusResponse(b.Name, b.Arn, b.Description))], busPage.NextToken), EventBridgeJsonContext.Default.ListEventBusesResponse);
                break;
            case "DeleteEventBus":
                buses.Delete(AwsException.Required(request.Name, "Name"));
                await WriteEmptyAsync(context);
                break;
            case "PutRule":
                await WriteAsync(context, new RuleArnResponse(PutRule(request).Arn), EventBridgeJsonContext.Default.RuleArnResponse);
                break;
            case "DescribeRule":
                await WriteAsync(context, Describe(buses.GetRule(request.EventBusName, request.Name)), EventBridgeJsonContext.Default.RuleResponse);
                break;
            case "ListRules":
                await WriteAsync(context, ListRules(request), EventBridgeJsonContext.Default.ListRulesResponse);
                break;
            case "DeleteRule":
                DeleteRule(request);
                await WriteEmptyAsync(context);
                break;
            case "PutTargets":
                await WriteAsync(context, PutTargets(request), EventBridgeJsonContext.Default.TargetsResultResponse);
                break;
            case "ListTargetsByRule":
                await WriteAsync(context, ListTargets(request), EventBridgeJsonContext.Default.ListTargetsResponse);
                break;
            case "RemoveTargets":
                await WriteAsync(context, RemoveTargets(request), EventBridgeJsonContext.Default.TargetsResultResponse);
                break;
            case "PutEvents":
                await WriteAsync(context, PutEvents(request), EventBridgeJsonContext.Default.PutEventsResponse);
                break;
            case "TestEventPattern":
                await WriteAsync(context, new TestEventPatternResponse(TestEventPattern(request)), EventBridgeJsonContext.Default.TestEventPatternResponse);
                break;
            default:
                throw new AwsException("UnknownOperationException", $"LocalCloud does not implement EventBridge {operation}.");
        }
    }

    private static Task WriteAsync<T>(HttpContext context, T response, JsonTypeInfo<T> typeInfo) =>
        Edge.WriteAsync(context, AwsProtocol.Events, response, typeInfo);

    private static Task WriteEmptyAsync(HttpContext context) =>
        WriteAsync(context, new EmptyResponse(), LocalCloudJsonContext.Default.EmptyResponse);

    private static (List<T> Items, string? NextToken) Page<T>(IEnumerable<T> ordered, Func<T, string> key, EventsRequest request)
    {
        var remaining = ordered.Where(item => string.CompareOrdinal(key(item), request.NextToken ?? "") > 0).ToList();
        var items = remaining.Take(request.Limit ?? 100).ToList();
        return (items, remaining.Count > items.Count ? key(items[^1]) : null);
    }

    private static RuleResponse Describe(EventRule rule) =>
        new(rule.Name, rule.Arn, rule.EventPattern, rule.ScheduleExpression, rule.Enabled ? "ENABLED" : "DISABLED", rule.Description, rule.EventBusName);

    private EventRule PutRule(EventsRequest request)
    {
        var name = AwsException.Required(request.Name, "Name");
        if (request.EventPattern is null && request.ScheduleExpression is null)
        {
            throw AwsException.Validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }

        var pattern = request.EventPattern is null ? null : ParsePattern(request.EventPattern);

        if (request.State is not (null or "ENABLED" or "DISABLED"))
        {
            throw AwsException.Validation($"Value '{request.State}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]");
        }

        var rule = buses.PutRule(buses.Get(request.EventBusName), name);
        lock (buses.Sync)
        {
            rule.EventPattern = request.EventPattern;
            rule.Pattern = pattern;
            rule.ScheduleExpression = request.ScheduleExpression;
            rule.Enabled = request.State != "DISABLED";
            rule.Description = request.Description;
        }

        return rule;
    }

    private static EventPattern ParsePattern(string pattern)
    {
        try
        {
            return EventPattern.Parse(pattern);
        }
        catch (FormatException e)
        {
            throw new AwsException("InvalidEventPatternException", "Event pattern is not valid. Reason: " + e.Message);
        }
    }

    /// <summary>Whether the pattern matches the event, with no bus or rule: EventBridge's TestEventPattern.</summary>
    private static bool TestEventPattern(EventsRequest request)
    {
        var pattern = ParsePattern(AwsException.Required(request.EventPattern, "EventPattern"));
        JsonNode? @event;
        try
        {
            @event = JsonNode.Parse(AwsException.Required(request.Event, "Event"), documentOptions: EventPattern.UniqueKeys);
        }
        catch (JsonException)
        {
            @event = null;
        }

        return @event is JsonObject fields && EventFields.All(fields.ContainsKey)
            ? pattern.Matches(@event)
            : throw AwsException.Validation("Parameter Event is not valid.");
    }

    private ListRulesResponse ListRules(EventsRequest request)
    {
        var bus = buses.Get(request.EventBusName);
        List<EventRule> rules;
        lock (buses.Sync)
        {
            rules = [.. bus.Rules.Values.Where(r => r.Name.StartsWith(request.NamePrefix ?? "", StringComparison.Ordinal)).OrderBy(r => r.Name, StringComparer.Ordinal)];
        }

        var page = Page(rules, r => r.Name, request);
        return new ListRulesResponse([.. page.Items.Select(Describe)], page.NextToken);
    }

    private void DeleteRule(EventsRequest request)
    {
        var bus = buses.Get(request.EventBusName);
        lock (buses.Sync)
        {
            if (bus.Rules.TryGetValue(AwsException.Required(request.Name, "Name"), out var rule) && rule.Targets.Count > 0)
            {
                throw AwsException.Validation("Rule can't be deleted since it has targets.");
            }

            bus.Rules.Remove(request.Name!);
        }
    }

    private TargetsResultResponse PutTargets(EventsRequest request)
    {
        var rule = buses.GetRule(request.EventBusName, request.Rule);
        if (request.Targets is not { Count: >= 1 and <= MaxEntries })
        {
            throw AwsException.Validation("Targets must contain between 1 and 10 entries.");
        }

        List<FailedTargetEntry> failed = [];
        lock (buses.Sync)
        {
            foreach (var target in request.Targets)
            {
                if (TargetProblem(target) is { } problem)
                {
                    failed.Add(new FailedTargetEntry(target.Id, "ValidationException", problem));
                    continue;
                }

                rule.Targets.RemoveAll(t => t.Id == target.Id);
                rule.Targets.Add(target);
            }
        }

        return new TargetsResultResponse(failed.Count, failed);
    }

    private ListTargetsResponse ListTargets(EventsRequest request)
    {
        var rule = buses.GetRule(request.EventBusName, request.Rule);
        lock (buses.Sync)
        {
            return new ListTargetsResponse([.. rule.Targets], null);
        }
    }

    private TargetsResultResponse RemoveTargets(EventsRequest request)
    {
        var rule = buses.GetRule(request.EventBusName, request.Rule);
        lock (buses.Sync)
        {
            rule.Targets.RemoveAll(t => (request.Ids ?? []).Contains(t.Id!));
        }

        return new TargetsResultResponse(0, []);
    }

    private static string? TargetProblem(TargetEntry target) =>
        string.IsNullOrEmpty(target.Id) || target.Id.Length > 64 ? "Target Id must be 1 to 64 characters."
        : target.Arn is null || !target.Arn.StartsWith("arn:aws:sqs:", StringComparison.Ordinal) ? "LocalCloud delivers only to SQS queue ARNs."
        : target.Input is not null && target.InputPath is not null ? "Only one of Input and InputPath may be set."
        : target.InputPath is not null && !(target.InputPath == "$" || target.InputPath.StartsWith("$.", StringComparison.Ordinal)) ? "InputPath must be $ or start with $."
        : target.DeadLetterConfig is { } deadLetter && deadLetter.Arn?.StartsWith("arn:aws:sqs:", StringComparison.Ordinal) != true ? "DeadLetterConfig.Arn must be an SQS queue ARN."
        : target.RetryPolicy?.MaximumRetryAttempts is < 0 or > TargetDelivery.DefaultRetryAttempts ? "RetryPolicy.MaximumRetryAttempts must be 0 to 185."
        : target.RetryPolicy?.MaximumEventAgeInSeconds is < 60 or > TargetDelivery.DefaultMaximumEventAgeSeconds ? "RetryPolicy.MaximumEventAgeInSeconds must be 60 to 86400."
        : null;

    private PutEventsResponse PutEvents(EventsRequest request)
    {
        var entries = request.Entries ?? [];
        if (entries.Count is < 1 or > MaxEntries)
        {
            throw AwsException.Validation($"1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to {MaxEntries} and greater than or equal to 1");
        }

        if (entries.Sum(EntrySize) > MaxRequestBytes)
        {
            throw AwsException.Validation("Total size of the entries in the request is over the limit.");
        }

        if (faults.TakeEntryFailure("PutEvents", [.. entries.Select(entry => entry.Source)]) is { } fault)
        {
            var message = fault.Message ?? $"Injected by LocalCloud: {fault.ErrorCode}";
            return new PutEventsResponse(entries.Count, [.. entries.Select(_ => new PutEventsResponseEntry(null, fault.ErrorCode, message))]);
        }

        var results = entries.Select(Publish).ToList();
        return new PutEventsResponse(results.Count(r => r.ErrorCode is not null), results);
    }

    private PutEventsResponseEntry Publish(PutEventsRequestEntry entry)
    {
        var missing = entry.Source is null ? "Source" : entry.DetailType is null ? "DetailType" : entry.Detail is null ? "Detail" : null;
        if (missing is not null)
        {
            return new PutEventsResponseEntry(null, "InvalidArgument", $"Parameter {missing} is not valid. Reason: {missing} is a required argument.");
        }

        JsonNode? detail;
        try
        {
            detail = JsonNode.Parse(entry.Detail!, documentOptions: EventPattern.UniqueKeys);
        }
        catch (JsonException)
        {
            detail = null;
        }

        if (detail is not JsonObject)
        {
            return new PutEventsResponseEntry(null, "MalformedDetail", "Detail is malformed.");
        }

        if (buses.Find(entry.EventBusName) is not { } bus)
        {
            return new PutEventsResponseEntry(null, "ResourceNotFoundException", $"Event bus {entry.EventBusName} does not exist.");
        }

        var at = entry.Time is { } seconds ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : time.GetUtcNow();
        return new PutEventsResponseEntry(buses.Publish(bus, entry, detail, at), null, null);
    }

    // EventBridge counts the UTF-8 bytes of source, detail-type, detail and resources, plus 14 for the time.
    private static int EntrySize(PutEventsRequestEntry entry) =>
        Encoding.UTF8.GetByteCount(entry.Source ?? "") + Encoding.UTF8.GetByteCount(entry.DetailType ?? "")
        + Encoding.UTF8.GetByteCount(entry.Detail ?? "") + (entry.Resources ?? []).Sum(Encoding.UTF8.GetByteCount)
        + (entry.Time is null ? 0 : 14);
}
