namespace Ecommerce.LocalCloud;

/// <summary>How an injected fault shows itself.</summary>
public enum FaultMode
{
    /// <summary>The whole call fails with the error code and HTTP status.</summary>
    Error,

    /// <summary>PutEvents answers 200 but fails every entry with the error code (FailedEntryCount &gt; 0).</summary>
    FailEntries,

    /// <summary>The call is carried out, and its answer held back <see cref="FaultSpec.DelayMilliseconds"/>: a caller that times out meanwhile still had it done.</summary>
    Delay,
}

/// <summary>
/// Make the next <paramref name="Count"/> calls of <paramref name="Operation"/> (e.g. SendMessage, PutEvents, PutItem) fail;
/// with a <paramref name="Table"/>, only the DynamoDB calls that name that table (a request that reads two tables
/// with the same operation can then fail on the second). <paramref name="DelayMilliseconds"/> holds an error back that
/// long, and is how long a <see cref="FaultMode.Delay"/> holds the answer. EventBridge's delivery of an event to a rule's
/// target is the operation <see cref="DeliverToTarget"/>; with a <paramref name="Queue"/>, only deliveries to that queue fail.
/// A PutEvents entry failure with a <paramref name="Source"/> takes only a call carrying an entry of that source, so a
/// publisher running beside the one under test does not use it up.
/// </summary>
public sealed record FaultSpec(
    string Operation,
    string ErrorCode,
    int StatusCode = StatusCodes.Status400BadRequest,
    int Count = 1,
    string? Message = null,
    FaultMode Mode = FaultMode.Error,
    string? Table = null,
    int DelayMilliseconds = 0,
    string? Queue = null,
    string? Source = null)
{
    /// <summary>The operation that names EventBridge's delivery of a matched event to an SQS target.</summary>
    public const string DeliverToTarget = "DeliverToTarget";
}

/// <summary>The faults waiting to be served, for tests that need AWS to misbehave on cue.</summary>
public sealed class Faults(ILogger<Faults> logger)
{
    private readonly List<FaultSpec> _pending = [];

    public IReadOnlyList<FaultSpec> Pending
    {
        get
        {
            lock (_pending)
            {
                return [.. _pending];
            }
        }
    }

    public void Add(FaultSpec fault)
    {
        lock (_pending)
        {
            _pending.Add(fault);
        }
    }

    public void Clear()
    {
        lock (_pending)
        {
            _pending.Clear();
        }
    }

    /// <summary>True when a fault waiting for this operation is aimed at a table: the call's tables must then be named.</summary>
    public bool AimsAtTables(string operation)
    {
        lock (_pending)
        {
            return _pending.Any(f => f.Table is not null && IsFor(f, operation));
        }
    }

    /// <summary>
    /// Runs a call as the first fault waiting for its operation (and for one of its tables, if aimed at one) says: an
    /// <see cref="FaultMode.Error"/> throws <see cref="AwsException"/> instead, after its delay; a
    /// <see cref="FaultMode.Delay"/> carries the call out and holds its answer back; without a fault the call just runs.
    /// </summary>
    public async Task RunAsync(string operation, HttpContext context, Func<Task> call, IReadOnlyCollection<string>? tables = null)
    {
        var fault = Take(operation, [FaultMode.Error, FaultMode.Delay], tables);
        if (fault is null)
        {
            await call();
            return;
        }

        if (fault.Mode == FaultMode.Error)
        {
            await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
            throw new AwsException(fault.ErrorCode, fault.Message ?? $"Injected by LocalCloud: {fault.ErrorCode}", fault.StatusCode);
        }

        var body = context.Response.Body;
        using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await call();
        }
        finally
        {
            context.Response.Body = body;
        }

        try
        {
            await Task.Delay(fault.DelayMilliseconds, context.RequestAborted);
            held.Position = 0;
            await held.CopyToAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up waiting; what it asked for is done all the same.
        }
    }

    /// <summary>The entry failure to apply to this call, if one waits for its operation.</summary>
    public FaultSpec? TakeEntryFailure(string operation, IReadOnlyCollection<string?> sources) => Take(operation, [FaultMode.FailEntries], sources: sources);

    /// <summary>The failure of EventBridge's delivery to this queue, if one waits for it.</summary>
    public FaultSpec? TakeDeliveryFailure(string queueName) => Take(FaultSpec.DeliverToTarget, [FaultMode.Error], queue: queueName);

    private FaultSpec? Take(string operation, FaultMode[] modes, IReadOnlyCollection<string>? tables = null, string? queue = null, IReadOnlyCollection<string?>? sources = null)
    {
        lock (_pending)
        {
            var index = _pending.FindIndex(f => modes.Contains(f.Mode) && IsFor(f, operation)
                && (f.Table is null || tables?.Contains(f.Table) == true) && (f.Queue is null || f.Queue == queue)
                && (f.Source is null || sources?.Contains(f.Source) == true));
            if (index < 0)
            {
                return null;
            }

            var fault = _pending[index];
            if (fault.Count <= 1)
            {
                _pending.RemoveAt(index);
            }
            else
            {
                _pending[index] = fault with { Count = fault.Count - 1 };
            }

            logger.FaultInjected(fault.ErrorCode, fault.Mode, operation);
            return fault;
        }
    }

    private static bool IsFor(FaultSpec fault, string operation) =>
        string.Equals(fault.Operation, operation, StringComparison.OrdinalIgnoreCase);
}
