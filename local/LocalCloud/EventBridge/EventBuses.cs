using System.Globalization;
using System.Text.Json.Nodes;
using Ecommerce.LocalCloud.Sqs;

namespace Ecommerce.LocalCloud.EventBridge;

/// <summary>A rule on a bus: its pattern, state and targets.</summary>
public sealed class EventRule(string name, string arn, string eventBusName)
{
    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public string EventBusName { get; } = eventBusName;
    public string? EventPattern { get; set; }
    public EventPattern? Pattern { get; set; }
    public string? ScheduleExpression { get; set; }
    public bool Enabled { get; set; } = true;
    public string? Description { get; set; }
    public List<TargetEntry> Targets { get; } = [];
}

/// <summary>An event bus and its rules.</summary>
public sealed class EventBus(string name, string arn, string? description)
{
    public string Name { get; } = name;
    public string Arn { get; } = arn;
    public string? Description { get; } = description;
    public Dictionary<string, EventRule> Rules { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Every bus, in memory, and the routing of events: a matching event goes to every target of every
/// enabled rule on its bus, by <see cref="TargetDelivery"/>. Every member runs under one lock: EventBridge traffic here is small.
/// </summary>
public sealed class EventBuses
{
    public const string DefaultBusName = "default";

    private readonly Dictionary<string, EventBus> _buses = new(StringComparer.Ordinal);
    private readonly LocalCloudOptions _options;
    private readonly TargetDelivery _delivery;

    public EventBuses(LocalCloudOptions options, TargetDelivery delivery)
    {
        (_options, _delivery) = (options, delivery);
        Clear();
    }

    public object Sync => _buses;

    public IEnumerable<EventBus> All => _buses.Values.OrderBy(b => b.Name, StringComparer.Ordinal);

    /// <summary>Removes every bus and rule but the default bus, which always exists.</summary>
    public void Clear()
    {
        lock (Sync)
        {
            _buses.Clear();
            _buses[DefaultBusName] = new EventBus(DefaultBusName, BusArn(DefaultBusName), null);
        }
    }

    public EventBus Create(string name, string? description)
    {
        lock (Sync)
        {
            if (_buses.ContainsKey(name))
            {
                throw new AwsException("ResourceAlreadyExistsException", $"Event bus {name} already exists.");
            }

            return _buses[name] = new EventBus(name, BusArn(name), description);
        }
    }

    public void Delete(string name)
    {
        lock (Sync)
        {
            if (name == DefaultBusName)
            {
                throw AwsException.Validation("Cannot delete event bus default.");
            }

            _buses.Remove(name);
        }
    }

    /// <summary>The bus by name or ARN (null or empty means the default bus).</summary>
    public EventBus? Find(string? nameOrArn)
    {
        var name = string.IsNullOrEmpty(nameOrArn) ? DefaultBusName : nameOrArn.Split('/')[^1];
        lock (Sync)
        {
            return _buses.GetValueOrDefault(name);
        }
    }

    public EventBus Get(string? nameOrArn) =>
        Find(nameOrArn) ?? throw new AwsException("ResourceNotFoundException", $"Event bus {nameOrArn} does not exist.");

    public EventRule GetRule(string? busName, string? ruleName)
    {
        var bus = Get(busName);
        lock (Sync)
        {
            return bus.Rules.GetValueOrDefault(ruleName ?? "")
                ?? throw new AwsException("ResourceNotFoundException", $"Rule {ruleName} does not exist on EventBus {bus.Name}.");
        }
    }

    public EventRule PutRule(EventBus bus, string name)
    {
        lock (Sync)
        {
            if (!bus.Rules.TryGetValue(name, out var rule))
            {
                var path = bus.Name == DefaultBusName ? name : $"{bus.Name}/{name}";
                rule = bus.Rules[name] = new EventRule(name, $"arn:aws:events:{_options.Region}:{_options.AccountId}:rule/{path}", bus.Name);
            }

            return rule;
        }
    }

    /// <summary>Builds the event envelope and delivers it to every matching target; returns its id.</summary>
    public string Publish(EventBus bus, PutEventsRequestEntry entry, JsonNode detail, DateTimeOffset time)
    {
        var id = Guid.NewGuid().ToString();
        var envelope = new JsonObject
        {
            ["version"] = "0",
            ["id"] = id,
            ["detail-type"] = entry.DetailType,
            ["source"] = entry.Source,
            ["account"] = _options.AccountId,
            ["time"] = time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["region"] = _options.Region,
            ["resources"] = new JsonArray([.. (entry.Resources ?? []).Select(r => (JsonNode?)r)]),
            ["detail"] = detail,
        };

        var leaves = EventLeaves.Of(envelope);
        List<(EventRule Rule, TargetEntry Target)> targets;
        lock (Sync)
        {
            targets = [.. bus.Rules.Values
                .Where(r => r.Enabled && r.Pattern?.Matches(leaves) == true)
                .SelectMany(r => r.Targets.Select(t => (r, t)))];
        }

        // EventBridge hands the entry's X-Ray trace header to an SQS target as the AWSTraceHeader system attribute.
        var systemAttributes = entry.TraceHeader is { Length: > 0 } traceHeader
            ? new Dictionary<string, SqsAttributeValue> { [SqsMessage.TraceHeader] = new("String", traceHeader) }
            : null;
        foreach (var (rule, target) in targets)
        {
            _delivery.Deliver(rule, target, envelope, systemAttributes);
        }

        return id;
    }

    /// <summary>The part of the event an InputPath names: <c>$</c> or <c>$.a.b</c>.</summary>
    public static JsonNode? Select(JsonObject envelope, string? inputPath)
    {
        JsonNode? node = envelope;
        foreach (var part in (inputPath ?? "$").Split('.').Skip(1))
        {
            node = node is JsonObject fields ? fields[part] : null;
        }

        return node;
    }

    private string BusArn(string name) => $"arn:aws:events:{_options.Region}:{_options.AccountId}:event-bus/{name}";
}
