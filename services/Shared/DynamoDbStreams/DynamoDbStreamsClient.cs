using Amazon.Runtime;
using Ecommerce.Shared.Aws.JsonProtocol;

namespace Ecommerce.Shared.DynamoDbStreams;

/// <summary>
/// DynamoDB Streams through AWSSDK.Core (<see cref="AwsJsonClient"/>): the three read operations a
/// stream reader needs (the stream's ARN comes from DescribeTable). SDK v4 moved AmazonDynamoDBStreamsClient out of AWSSDK.DynamoDBv2 into a
/// package of its own; this class is the one place to swap it in.
/// </summary>
public sealed class DynamoDbStreamsClient : AwsJsonClient
{
    public DynamoDbStreamsClient(AWSCredentials credentials, DynamoDbStreamsClientConfig config)
        : base(credentials, config)
    {
    }

    /// <summary>Uses the SDK's default credential chain.</summary>
    public DynamoDbStreamsClient(DynamoDbStreamsClientConfig config)
        : base(config)
    {
    }

    /// <summary>Every shard of the stream, parents before their children, following the pages of DescribeStream.</summary>
    public async Task<IReadOnlyList<StreamShard>> ShardsAsync(string streamArn, CancellationToken cancellationToken)
    {
        var shards = new List<StreamShard>();
        string? after = null;
        do
        {
            var response = await SendAsync("DescribeStream", new WireDescribeStreamRequest(streamArn, after), StreamsJsonContext.Default.WireDescribeStreamRequest, cancellationToken);
            var description = response.Read(StreamsJsonContext.Default.WireDescribeStreamResponse).StreamDescription;
            shards.AddRange(description.Shards ?? []);
            after = description.LastEvaluatedShardId;
        }
        while (after is not null);

        return shards;
    }

    /// <summary>An iterator at the shard's oldest record, or just after <paramref name="afterSequenceNumber"/>.</summary>
    public async Task<string> ShardIteratorAsync(string streamArn, string shardId, string? afterSequenceNumber, CancellationToken cancellationToken)
    {
        var request = afterSequenceNumber is null
            ? new WireGetShardIteratorRequest(streamArn, shardId, "TRIM_HORIZON", null)
            : new WireGetShardIteratorRequest(streamArn, shardId, "AFTER_SEQUENCE_NUMBER", afterSequenceNumber);
        var response = await SendAsync("GetShardIterator", request, StreamsJsonContext.Default.WireGetShardIteratorRequest, cancellationToken);
        return response.Read(StreamsJsonContext.Default.WireGetShardIteratorResponse).ShardIterator;
    }

    /// <summary>Up to <paramref name="limit"/> records from the iterator, and the iterator to read on with (null once a closed shard is read to its end).</summary>
    public async Task<StreamRecordsPage> RecordsAsync(string shardIterator, int limit, CancellationToken cancellationToken)
    {
        var response = await SendAsync("GetRecords", new WireGetRecordsRequest(shardIterator, limit), StreamsJsonContext.Default.WireGetRecordsRequest, cancellationToken);
        var page = response.Read(StreamsJsonContext.Default.WireGetRecordsResponse);
        return new StreamRecordsPage(page.Records ?? [], page.NextShardIterator);
    }
}

/// <summary>AWSSDK.Core settings for DynamoDB Streams: AWS JSON 1.0, signed for <c>dynamodb</c> at <c>streams.dynamodb.{region}</c>.</summary>
public sealed class DynamoDbStreamsClientConfig() : AwsJsonClientConfig(DynamoDbStreams)
{
    private static readonly AwsJsonService DynamoDbStreams = new(
        ServiceId: "DynamoDB Streams", SigningName: "dynamodb", EndpointPrefix: "streams.dynamodb", TargetPrefix: "DynamoDBStreams_20120810",
        ContentType: "application/x-amz-json-1.0", Version: "2012-08-10");
}
