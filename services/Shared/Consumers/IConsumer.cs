using System.Text.Json.Serialization.Metadata;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Configuration;

namespace Ecommerce.Shared.Consumers;

/// <summary>A consumer, found by its settings: <c>Section</c> (e.g. <c>Ordering:Consumer</c>, so <c>Ordering__Consumer__Mode</c>).</summary>
public interface IConsumer
{
    static abstract string Section { get; }
}

/// <summary>One batch's worth of work: the ids of the records that failed and must come again.</summary>
public interface IBatchConsumer<TRecord>
{
    Task<IReadOnlyList<string>> ProcessAsync(IReadOnlyList<TRecord> records, CancellationToken cancellationToken);
}

/// <summary>A consumer of a table's stream, which takes the batch whole (failures named by sequence number).</summary>
public interface IStreamConsumer : IConsumer, IBatchConsumer<StreamRecord>
{
    static abstract TableDefinition Table { get; }
}

/// <summary>
/// A consumer of the events EventBridge routes to a queue, handed one valid event at a time by
/// <see cref="EventQueueBatch{TConsumer, TEvent}"/>, which reads, checks and logs each message.
/// </summary>
public interface IEventQueueConsumer<TEvent> : IConsumer
    where TEvent : class
{
    static abstract EventQueueDefinition Queue { get; }

    /// <summary>The event's shape in the envelope's <c>detail</c>.</summary>
    static abstract JsonTypeInfo<TEvent> EventType { get; }

    /// <summary>Whether the event is one this consumer may apply; any other message is left for the dead-letter queue.</summary>
    static abstract bool IsValid(TEvent received);

    /// <summary>The delivery delay its queue gets where this service creates it (0–900 seconds): none unless the consumer says so.</summary>
    static virtual int QueueDelaySeconds(IConfiguration configuration) => 0;

    /// <summary>Applies one valid event of one of the queue's detail types; an exception leaves its message for redelivery.</summary>
    Task HandleAsync(TEvent received, string detailType, CancellationToken cancellationToken);
}
