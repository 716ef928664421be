namespace Ecommerce.Shared.EventBridge;

/// <summary>
/// The EventBridge operations this system uses: one small seam, so that AWSSDK.EventBridge can replace
/// <see cref="EventBridgeClient"/> in one file should a team prefer the SDK's package.
/// </summary>
public interface IEventBridgeClient
{
    /// <summary>Puts 1 to 10 events; entries can fail one by one, which the result reports rather than throws.</summary>
    Task<PutEventsResult> PutEventsAsync(IReadOnlyList<EventEntry> entries, CancellationToken cancellationToken);

    /// <summary>Creates the bus and returns its ARN.</summary>
    Task<string> CreateEventBusAsync(string name, CancellationToken cancellationToken);

    /// <summary>The bus, or null when it does not exist.</summary>
    Task<EventBusDescription?> DescribeEventBusAsync(string name, CancellationToken cancellationToken);

    /// <summary>Creates or updates the rule and returns its ARN.</summary>
    Task<string> PutRuleAsync(RuleDefinition rule, CancellationToken cancellationToken);

    /// <summary>Adds or updates targets of a rule; throws <see cref="EventBridgeException"/> when any entry failed.</summary>
    Task PutTargetsAsync(string ruleName, string eventBusName, IReadOnlyList<RuleTarget> targets, CancellationToken cancellationToken);
}

/// <summary>
/// One event to put. <paramref name="Detail"/> is a JSON object, as text. <paramref name="TraceHeader"/> is an
/// X-Ray trace header (<c>Root=1-...;Parent=...;Sampled=1</c>), which EventBridge hands on to the targets.
/// </summary>
public sealed record EventEntry(
    string EventBusName,
    string Source,
    string DetailType,
    string Detail,
    DateTimeOffset? Time = null,
    IReadOnlyList<string>? Resources = null,
    string? TraceHeader = null);

/// <summary>What PutEvents answered: one entry per event put, in order.</summary>
public sealed record PutEventsResult(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry> Entries);

/// <summary>An event id when the entry was accepted, otherwise its error.</summary>
public sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage);

public sealed record EventBusDescription(string Name, string Arn);

/// <summary>A rule with an event pattern, as EventBridge reads it (JSON text).</summary>
public sealed record RuleDefinition(string Name, string EventBusName, string EventPattern, bool Enabled = true, string? Description = null);

/// <summary>
/// A target of a rule; <paramref name="InputPath"/> (e.g. <c>$.detail</c>) sends part of the event instead of all of it. An event
/// EventBridge could not deliver after <paramref name="RetryPolicy"/> goes to the queue <paramref name="DeadLetterConfig"/> names.
/// </summary>
public sealed record RuleTarget(string Id, string Arn, string? InputPath = null, DeadLetterConfig? DeadLetterConfig = null, RetryPolicy? RetryPolicy = null);

/// <summary>The SQS queue that keeps what a target could not be given.</summary>
public sealed record DeadLetterConfig(string Arn);

/// <summary>How often (0 to 185) and for how long (60 to 86,400 seconds) EventBridge retries a target before giving up.</summary>
public sealed record RetryPolicy(int MaximumRetryAttempts, int MaximumEventAgeInSeconds);
