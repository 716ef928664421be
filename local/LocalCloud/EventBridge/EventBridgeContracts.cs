namespace Ecommerce.LocalCloud.EventBridge;

// EventBridge's AWS JSON 1.1 shapes, named as the SDKs send and read them.

public sealed class EventsRequest
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? NamePrefix { get; set; }
    public int? Limit { get; set; }
    public string? NextToken { get; set; }
    public string? EventBusName { get; set; }
    public string? EventPattern { get; set; }
    public string? ScheduleExpression { get; set; }
    public string? State { get; set; }
    public string? Rule { get; set; }
    public List<TargetEntry>? Targets { get; set; }
    public List<string>? Ids { get; set; }
    public List<PutEventsRequestEntry>? Entries { get; set; }
    public string? Event { get; set; }
}

public sealed record TargetEntry(
    string? Id,
    string? Arn,
    string? Input = null,
    string? InputPath = null,
    DeadLetterConfig? DeadLetterConfig = null,
    RetryPolicy? RetryPolicy = null);

public sealed record DeadLetterConfig(string? Arn);

public sealed record RetryPolicy(int? MaximumRetryAttempts, int? MaximumEventAgeInSeconds);

public sealed record PutEventsRequestEntry(string? Source, string? DetailType, string? Detail, string? EventBusName, List<string>? Resources, double? Time, string? TraceHeader = null);

public sealed record EventBusArnResponse(string EventBusArn);

public sealed record EventBusResponse(string Name, string Arn, string? Description);

public sealed record ListEventBusesResponse(IReadOnlyList<EventBusResponse> EventBuses, string? NextToken);

public sealed record RuleArnResponse(string RuleArn);

public sealed record RuleResponse(string Name, string Arn, string? EventPattern, string? ScheduleExpression, string State, string? Description, string EventBusName);

public sealed record ListRulesResponse(IReadOnlyList<RuleResponse> Rules, string? NextToken);

public sealed record FailedTargetEntry(string? TargetId, string ErrorCode, string ErrorMessage);

public sealed record TargetsResultResponse(int FailedEntryCount, IReadOnlyList<FailedTargetEntry> FailedEntries);

public sealed record ListTargetsResponse(IReadOnlyList<TargetEntry> Targets, string? NextToken);

public sealed record PutEventsResponseEntry(string? EventId, string? ErrorCode, string? ErrorMessage);

public sealed record PutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResponseEntry> Entries);

public sealed record TestEventPatternResponse(bool Result);
