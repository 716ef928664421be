using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Inventory.Ledger;

/// <summary>How one step's transaction ended.</summary>
internal enum StepOutcome
{
    Done,

    /// <summary>The guard was not where the step expected: another worker moved it; nothing was written.</summary>
    GuardMoved,

    /// <summary>A stock line's condition failed (not enough available, or the product is not sold); nothing was written.</summary>
    LineRefused,
}

/// <summary>
/// The reservation records and the steps that move them: each step one DynamoDB transaction of the guard's conditional
/// write and the stock lines of one chunk (at most 100 actions), so a step is written whole or not at all, and once.
/// </summary>
internal sealed class Reservations(IAmazonDynamoDB dynamo, ResourceNames names, TimeProvider clock)
{
    private const string OrderId = "orderId";
    private const string Status = "status";
    private const string ChunksDone = "chunksDone";
    private const string Lines = "lines";
    private const string UserName = "userName";
    private const string OrderDate = "orderDate";
    private const string UpdatedAt = "updatedAt";

    /// <summary>Attempts of a transaction that collides with another one on the same items before the message is left for redelivery.</summary>
    private const int ConflictAttempts = 8;

    private readonly string _table = names[ResourceDefinitions.ReservationTable];
    private readonly string _stockTable = names[ResourceDefinitions.StockTable];

    public async Task<Reservation?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = KeyOf(orderId), ConsistentRead = true }, cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>Writes a reservation that does not exist yet (a tombstone, or a rejection that reserved nothing); false when one does.</summary>
    public Task<bool> TryCreateAsync(Reservation reservation, CancellationToken cancellationToken) =>
        dynamo.TryPutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = ToItem(reservation),
                ConditionExpression = "attribute_not_exists(#orderId)",
                ExpressionAttributeNames = new() { ["#orderId"] = OrderId },
            },
            cancellationToken);

    /// <summary>Moves the reservation to another status, if it is still where it was read; false when it moved meanwhile.</summary>
    public Task<bool> TryMoveAsync(Reservation reservation, ReservationStatus to, CancellationToken cancellationToken) =>
        dynamo.TryUpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = KeyOf(reservation.OrderId),
                UpdateExpression = "SET #status = :to, #updatedAt = :now",
                ConditionExpression = "#status = :status AND #chunksDone = :chunksDone",
                ExpressionAttributeNames = new() { ["#status"] = Status, ["#chunksDone"] = ChunksDone, ["#updatedAt"] = UpdatedAt },
                ExpressionAttributeValues = new()
                {
                    [":to"] = DynamoValue.S(to.ToString()),
                    [":now"] = Now(),
                    [":status"] = DynamoValue.S(reservation.Status.ToString()),
                    [":chunksDone"] = DynamoValue.N(reservation.ChunksDone),
                },
            },
            cancellationToken);

    /// <summary>
    /// Reserves the next chunk of a reservation that is <c>Reserving</c>: the first chunk creates the guard, each further
    /// one advances its <c>chunksDone</c>, and the last one marks it <c>Reserved</c>.
    /// </summary>
    public Task<StepOutcome> ReserveChunkAsync(Reservation reservation, CancellationToken cancellationToken)
    {
        var chunk = reservation.ChunksDone;
        var after = reservation with
        {
            ChunksDone = chunk + 1,
            Status = chunk + 1 == reservation.Chunks ? ReservationStatus.Reserved : ReservationStatus.Reserving,
        };
        var guard = chunk == 0
            ? new TransactWriteItem
            {
                Put = new Put
                {
                    TableName = _table,
                    Item = ToItem(after),
                    ConditionExpression = "attribute_not_exists(#orderId)",
                    ExpressionAttributeNames = new() { ["#orderId"] = OrderId },
                },
            }
            : Advance(reservation, after);
        return TransactAsync(guard, reservation, chunk, LineChange.Reserve, cancellationToken);
    }

    /// <summary>
    /// Undoes the last chunk done of a reservation on its way back (<c>Rejecting</c>, <c>Releasing</c>, <c>Taking</c>)
    /// with <paramref name="change"/>, counting <c>chunksDone</c> down; at none left it rests at <paramref name="final"/>.
    /// </summary>
    public async Task<StepOutcome> UndoChunkAsync(Reservation reservation, LineChange change, ReservationStatus final, CancellationToken cancellationToken)
    {
        if (reservation.ChunksDone == 0)
        {
            return await TryMoveAsync(reservation, final, cancellationToken) ? StepOutcome.Done : StepOutcome.GuardMoved;
        }

        var chunk = reservation.ChunksDone - 1;
        var after = reservation with { ChunksDone = chunk, Status = chunk == 0 ? final : reservation.Status };
        return await TransactAsync(Advance(reservation, after), reservation, chunk, change, cancellationToken);
    }

    /// <summary>The guard's move from where it was read to <paramref name="after"/>, only if it is still there.</summary>
    private TransactWriteItem Advance(Reservation before, Reservation after) => new()
    {
        Update = new Update
        {
            TableName = _table,
            Key = KeyOf(before.OrderId),
            UpdateExpression = "SET #status = :to, #chunksDone = :chunksAfter, #updatedAt = :now",
            ConditionExpression = "#status = :status AND #chunksDone = :chunksDone",
            ExpressionAttributeNames = new() { ["#status"] = Status, ["#chunksDone"] = ChunksDone, ["#updatedAt"] = UpdatedAt },
            ExpressionAttributeValues = new()
            {
                [":to"] = DynamoValue.S(after.Status.ToString()),
                [":chunksAfter"] = DynamoValue.N(after.ChunksDone),
                [":now"] = Now(),
                [":status"] = DynamoValue.S(before.Status.ToString()),
                [":chunksDone"] = DynamoValue.N(before.ChunksDone),
            },
        },
    };

    private TransactWriteItem LineWrite(ReservedLine line, LineChange change)
    {
        var values = new Dictionary<string, AttributeValue> { [":q"] = DynamoValue.N(line.Quantity), [":one"] = DynamoValue.N(1) };
        if (change.ChecksSold)
        {
            values[":true"] = new AttributeValue { BOOL = true };
        }

        return new TransactWriteItem
        {
            Update = new Update
            {
                TableName = _stockTable,
                Key = StockItem.Key(line.ProductId),
                UpdateExpression = change.Update,
                ConditionExpression = change.Condition,
                ExpressionAttributeNames = StockItem.Names([.. change.Attributes]),
                ExpressionAttributeValues = values,
            },
        };
    }

    /// <summary>
    /// Writes the guard and the lines of one chunk in one transaction. A transaction that collides with another on the
    /// same items is tried again after a short random pause, as DynamoDB advises.
    /// </summary>
    private async Task<StepOutcome> TransactAsync(
        TransactWriteItem guard, Reservation reservation, int chunk, LineChange change, CancellationToken cancellationToken)
    {
        var request = new TransactWriteItemsRequest
        {
            TransactItems = [guard, .. ReservationLines.Chunk(reservation.Lines, chunk).Select(line => LineWrite(line, change))],
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dynamo.TransactWriteItemsAsync(request, cancellationToken);
                return StepOutcome.Done;
            }
            catch (TransactionCanceledException cancelled)
            {
                var reasons = cancelled.CancellationReasons ?? [];
                if (reasons.Count > 0 && reasons[0].Code == "ConditionalCheckFailed")
                {
                    return StepOutcome.GuardMoved;
                }

                if (reasons.Skip(1).Any(reason => reason.Code == "ConditionalCheckFailed"))
                {
                    return StepOutcome.LineRefused;
                }

                if (attempt == ConflictAttempts || !reasons.Any(reason => reason.Code == "TransactionConflict"))
                {
                    throw;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 20 << Math.Min(attempt, 5))), clock, cancellationToken);
        }
    }

    private AttributeValue Now() => DynamoValue.S(clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    private static Dictionary<string, AttributeValue> KeyOf(string orderId) => new() { [OrderId] = DynamoValue.S(orderId) };

    private Dictionary<string, AttributeValue> ToItem(Reservation reservation) => new()
    {
        [OrderId] = DynamoValue.S(reservation.OrderId),
        [Status] = DynamoValue.S(reservation.Status.ToString()),
        [ChunksDone] = DynamoValue.N(reservation.ChunksDone),
        [Lines] = new AttributeValue
        {
            L = [.. reservation.Lines.Select(line => new AttributeValue
            {
                M = new() { [StockItem.ProductId] = DynamoValue.S(line.ProductId), ["quantity"] = DynamoValue.N(line.Quantity) },
            })],
        },
        [UserName] = DynamoValue.S(reservation.UserName),
        [OrderDate] = DynamoValue.S(reservation.OrderDate),
        [UpdatedAt] = Now(),
    };

    private static Reservation FromItem(Dictionary<string, AttributeValue> item) => new(
        item[OrderId].S,
        Enum.Parse<ReservationStatus>(item[Status].S),
        item.Int(ChunksDone),
        [.. (item[Lines].L ?? []).Select(value => new ReservedLine(value.M[StockItem.ProductId].S, value.M.Int("quantity")))],
        item[UserName].S,
        item[OrderDate].S);
}
