using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Resources;
using Microsoft.Extensions.Logging;
using KeyType = Ecommerce.Shared.Resources.KeyType;

namespace Ecommerce.Shared.Dynamo;

/// <summary>Creates a table from its catalogue definition when it is missing, and waits until it is active.</summary>
public sealed partial class TableProvisioner(IAmazonDynamoDB dynamo, ILogger<TableProvisioner> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task EnsureAsync(TableDefinition definition, string tableName, CancellationToken cancellationToken)
    {
        if (await DescribeAsync(tableName, cancellationToken) is null)
        {
            try
            {
                await dynamo.CreateTableAsync(CreateRequest(definition, tableName), cancellationToken);
                LogCreated(logger, tableName);
            }
            catch (ResourceInUseException)
            {
                // Another service instance created it first; waiting below is all that is left to do.
            }
        }

        while (await DescribeAsync(tableName, cancellationToken) is not { } table || !IsActive(table))
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        if (definition.TimeToLiveAttribute is { } ttl)
        {
            await EnableTimeToLiveAsync(tableName, ttl, cancellationToken);
        }
    }

    internal static CreateTableRequest CreateRequest(TableDefinition definition, string tableName)
    {
        var keys = new[] { definition.PartitionKey, definition.SortKey }
            .Concat(definition.GlobalSecondaryIndexes.SelectMany(i => new[] { i.PartitionKey, i.SortKey }))
            .OfType<KeyDefinition>()
            .DistinctBy(k => k.Name);

        return new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions = [.. keys.Select(k => new AttributeDefinition(k.Name, ToScalarType(k.Type)))],
            KeySchema = KeySchema(definition.PartitionKey, definition.SortKey),
            StreamSpecification = definition.StreamsNewAndOldImages
                ? new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_AND_OLD_IMAGES }
                : null,
            GlobalSecondaryIndexes = definition.GlobalSecondaryIndexes.Count == 0
                ? null
                : [.. definition.GlobalSecondaryIndexes.Select(i => new GlobalSecondaryIndex
                {
                    IndexName = i.Name,
                    KeySchema = KeySchema(i.PartitionKey, i.SortKey),
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                })],
        };
    }

    private static List<KeySchemaElement> KeySchema(KeyDefinition partitionKey, KeyDefinition? sortKey) =>
        sortKey is null
            ? [new KeySchemaElement(partitionKey.Name, Amazon.DynamoDBv2.KeyType.HASH)]
            : [new KeySchemaElement(partitionKey.Name, Amazon.DynamoDBv2.KeyType.HASH), new KeySchemaElement(sortKey.Name, Amazon.DynamoDBv2.KeyType.RANGE)];

    private static ScalarAttributeType ToScalarType(KeyType type) =>
        type == KeyType.Number ? ScalarAttributeType.N : ScalarAttributeType.S;

    private static bool IsActive(TableDescription table) =>
        table.TableStatus == TableStatus.ACTIVE
        && (table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE);

    private async Task<TableDescription?> DescribeAsync(string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await dynamo.DescribeTableAsync(tableName, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    private async Task EnableTimeToLiveAsync(string tableName, string attribute, CancellationToken cancellationToken)
    {
        try
        {
            await dynamo.UpdateTimeToLiveAsync(
                new UpdateTimeToLiveRequest
                {
                    TableName = tableName,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = attribute, Enabled = true },
                },
                cancellationToken);
        }
        catch (AmazonDynamoDBException e) when (e.ErrorCode is "ValidationException")
        {
            // DynamoDB refuses to enable TTL twice: another instance, or an earlier run, did it already.
            LogTimeToLiveSkipped(logger, tableName, e.ErrorCode);
        }
    }

    [LoggerMessage(LogLevel.Information, "Created table {TableName}")]
    private static partial void LogCreated(ILogger logger, string tableName);

    [LoggerMessage(LogLevel.Information, "Time to live left as it is on {TableName}: {ErrorCode}")]
    private static partial void LogTimeToLiveSkipped(ILogger logger, string tableName, string errorCode);
}
