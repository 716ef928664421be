using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Ecommerce.Shared.DynamoDbStreams;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// Poll mode for a table's stream, as Lambda's stream event source reads it: every shard from its oldest
/// record, a parent before its children, a batch at a time in order. A batch the consumer did not finish
/// is read again from its first failed record after a back-off, so nothing is skipped; what succeeded
/// before it may come again, which consumers of the stream must tolerate (at least once).
/// The position is kept in memory: a restarted poller reads the stream from its oldest record again.
/// </summary>
public sealed partial class StreamPoller(
    DynamoDbStreamsClient streams,
    IAmazonDynamoDB dynamo,
    string tableName,
    IBatchConsumer<StreamRecord> consumer,
    ConsumerOptions options,
    TimeProvider clock,
    ILogger<StreamPoller> logger) : Poller($"the stream of {tableName}", loops: 1, clock, logger)
{
    private static readonly TimeSpan Rediscovery = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Shard> _shards = [];
    private string? _streamArn;
    private DateTimeOffset _discoveredAt;

    protected override async Task PollOnceAsync(CancellationToken stoppingToken)
    {
        _streamArn ??= (await dynamo.DescribeTableAsync(tableName, stoppingToken)).Table.LatestStreamArn
            ?? throw new InvalidOperationException($"The table {tableName} keeps no stream.");
        if (Clock.GetUtcNow() - _discoveredAt > Rediscovery || _shards.Values.All(s => s.Done))
        {
            await DiscoverAsync(_streamArn, stoppingToken);
        }

        var readAny = false;
        foreach (var shard in _shards.Values.Where(IsReady).ToList())
        {
            readAny |= await ReadAsync(_streamArn, shard, stoppingToken);
        }

        if (!readAny)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(options.IdlePollMilliseconds), Clock, stoppingToken);
        }
    }

    /// <summary>Reads one batch of the shard and hands it on; true when there was something to read.</summary>
    private async Task<bool> ReadAsync(string streamArn, Shard shard, CancellationToken stoppingToken)
    {
        shard.Iterator ??= await streams.ShardIteratorAsync(streamArn, shard.Id, shard.LastSequence, stoppingToken);
        StreamRecordsPage page;
        try
        {
            page = await streams.RecordsAsync(shard.Iterator, 100, stoppingToken);
        }
        catch (AmazonServiceException e) when (e.ErrorCode is "ExpiredIteratorException" or "TrimmedDataAccessException")
        {
            shard.Iterator = null; // iterators last 15 minutes (and may point past a trim); the position does not
            return true;
        }

        if (page.Records.Count > 0)
        {
            // The batch is ours from here: finish it even while the host stops.
            var failed = (await consumer.ProcessAsync(page.Records, CancellationToken.None)).ToHashSet();
            var firstFailed = page.Records.ToList().FindIndex(r => failed.Contains(r.Change.SequenceNumber));
            if (firstFailed >= 0)
            {
                shard.LastSequence = firstFailed > 0 ? page.Records[firstFailed - 1].Change.SequenceNumber : shard.LastSequence;
                shard.Iterator = null;
                throw new BatchNotDoneException(page.Records.Count - firstFailed);
            }

            shard.LastSequence = page.Records[^1].Change.SequenceNumber;
        }

        shard.Done = page.NextShardIterator is null; // a closed shard read to its end
        // After an empty read, ask for a fresh iterator at the same position next time: DynamoDB Local
        // answers the next-iterator of an empty read with TrimmedDataAccessException once records arrive.
        shard.Iterator = page.Records.Count > 0 ? page.NextShardIterator : null;
        return page.Records.Count > 0;
    }

    private async Task DiscoverAsync(string streamArn, CancellationToken stoppingToken)
    {
        foreach (var found in await streams.ShardsAsync(streamArn, stoppingToken))
        {
            _shards.TryAdd(found.ShardId, new Shard(found.ShardId, found.ParentShardId));
        }

        _discoveredAt = Clock.GetUtcNow();
    }

    /// <summary>A shard is read once its parent (if the stream still has it) is read to its end, so a key's changes stay in order.</summary>
    private bool IsReady(Shard shard) =>
        !shard.Done && (shard.ParentId is null || !_shards.TryGetValue(shard.ParentId, out var parent) || parent.Done);

    private sealed class Shard(string id, string? parentId)
    {
        public string Id { get; } = id;

        public string? ParentId { get; } = parentId;

        public string? LastSequence { get; set; }

        public string? Iterator { get; set; }

        public bool Done { get; set; }
    }
}

/// <summary>The consumer left records of a batch undone; they are read again after a back-off.</summary>
public sealed class BatchNotDoneException(int undone) : Exception($"{undone} records of the batch were not done.");
