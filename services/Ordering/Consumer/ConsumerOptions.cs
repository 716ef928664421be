namespace Ecommerce.Ordering.Consumer;

/// <summary>How checkout events reach the consumer.</summary>
public enum ConsumerMode
{
    /// <summary>A hosted service long-polls the queue (local, containers).</summary>
    Poll,

    /// <summary>Lambda's SQS event source invokes the function; Lambda Web Adapter posts the batch to <c>/events</c>.</summary>
    Lambda,

    /// <summary>HTTP API only.</summary>
    Off,
}

/// <summary>The <c>Ordering:Consumer</c> configuration section.</summary>
public sealed class ConsumerOptions
{
    public const string Section = "Ordering:Consumer";

    public ConsumerMode Mode { get; set; } = ConsumerMode.Poll;

    /// <summary>Receive loops running at once in poll mode.</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Long-polling wait of one receive, 0–20 seconds.</summary>
    public int WaitTimeSeconds { get; set; } = 20;

    /// <summary>Messages per receive, 1–10.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>The visibility timeout of the queue when this service creates it (local only).</summary>
    public int QueueVisibilityTimeoutSeconds { get; set; } = 30;
}
