namespace Ecommerce.LocalCloud;

/// <summary>How an injected fault shows itself.</summary>
public enum FaultMode
{
    /// <summary>The whole call fails with the error code and HTTP status.</summary>
    Error,

    /// <summary>PutEvents answers 200 but fails every entry with the error code (FailedEntryCount &gt; 0).</summary>
    FailEntries,
}

/// <summary>
/// Make the next <paramref name="Count"/> calls of <paramref name="Operation"/> (e.g. SendMessage, PutEvents, PutItem) fail;
/// with a <paramref name="Table"/>, only the DynamoDB calls that name that table (a request that reads two tables
/// with the same operation can then fail on the second).
/// </summary>
public sealed record FaultSpec(
    string Operation,
    string ErrorCode,
    int StatusCode = StatusCodes.Status400BadRequest,
    int Count = 1,
    string? Message = null,
    FaultMode Mode = FaultMode.Error,
    string? Table = null);

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

    /// <summary>Fails this call when an <see cref="FaultMode.Error"/> fault waits for its operation (and for one of its tables, if aimed at one).</summary>
    public void ThrowIfInjected(string operation, IReadOnlyCollection<string>? tables = null)
    {
        if (Take(operation, FaultMode.Error, tables) is { } fault)
        {
            throw new AwsException(fault.ErrorCode, fault.Message ?? $"Injected by LocalCloud: {fault.ErrorCode}", fault.StatusCode);
        }
    }

    /// <summary>The entry failure to apply to this call, if one waits for its operation.</summary>
    public FaultSpec? TakeEntryFailure(string operation) => Take(operation, FaultMode.FailEntries);

    private FaultSpec? Take(string operation, FaultMode mode, IReadOnlyCollection<string>? tables = null)
    {
        lock (_pending)
        {
            var index = _pending.FindIndex(f => f.Mode == mode && IsFor(f, operation) && (f.Table is null || tables?.Contains(f.Table) == true));
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
