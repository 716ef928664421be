using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.DynamoDbStreams;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Products;

/// <summary>A republish run as the API shows it.</summary>
internal sealed record RepublishJob(
    Guid Id, RepublishStatus Status, int Pages, int Products, int Deletions, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);

internal enum RepublishStatus
{
    Running,
    Completed,
}

/// <summary>How many products (and tombstones) one step of a republish run reads.</summary>
internal sealed record RepublishSettings(int PageSize)
{
    public const string Key = "Product:Republish:PageSize";
    public const int DefaultPageSize = 100;
}

/// <summary>
/// Republish runs, each one item in the product table whose own stream record drives it, a page at a time: the API
/// writes the item; the stream publisher, reading that item's change, republishes the page after the item's
/// <c>nextKey</c> and writes the item again with the next key, which is the next change it reads. So no step is bound
/// to the request that started the run, and each one is a short part of a stream batch; a failed step is retried
/// with its batch. A step writes the item only if its page count is still the one it read, so a retried step
/// never counts a page twice. The item lives a week.
/// </summary>
internal sealed class RepublishJobs(IAmazonDynamoDB dynamo, ResourceNames names, ProductRepository products, RepublishSettings settings, TimeProvider time)
{
    private const string KeyPrefix = "republish:";
    private const string Id = "id";
    private const string Status = "jobStatus";
    private const string Pages = "pages";
    private const string Products = "products";
    private const string Deletions = "deletions";
    private const string StartedAt = "startedAt";
    private const string FinishedAt = "finishedAt";
    private const string NextKey = "nextKey";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly string _table = names[ResourceDefinitions.ProductTable];

    private static string ExpiresAt => ResourceDefinitions.ProductTable.TimeToLiveAttribute!;

    /// <summary>Whether a stream record is a republish run's: no product, no event, but a step to take.</summary>
    public static bool IsJob(StreamRecord record) =>
        record.Change.Keys.TryGetValue(Id, out var key) && key.S?.StartsWith(KeyPrefix, StringComparison.Ordinal) == true;

    /// <summary>Starts a run: writes its item, whose stream record takes the first step.</summary>
    public async Task<RepublishJob> StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new RepublishJob(Guid.CreateVersion7(), RepublishStatus.Running, 0, 0, 0, now, null);
        await dynamo.PutItemAsync(
            new PutItemRequest
            {
                TableName = _table,
                Item = new()
                {
                    [Id] = DynamoValue.S(KeyPrefix + job.Id.ToString("D")),
                    [Status] = DynamoValue.S(job.Status.ToString()),
                    [Pages] = DynamoValue.N(0),
                    [Products] = DynamoValue.N(0),
                    [Deletions] = DynamoValue.N(0),
                    [StartedAt] = DynamoValue.S(Timestamp(now)),
                    [ExpiresAt] = DynamoValue.N((now + Lifetime).ToUnixTimeSeconds()),
                },
            },
            cancellationToken);
        return job;
    }

    public async Task<RepublishJob?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var response = await dynamo.GetItemAsync(
            new GetItemRequest { TableName = _table, Key = new() { [Id] = DynamoValue.S(KeyPrefix + id.ToString("D")) }, ConsistentRead = true },
            cancellationToken);
        return response.IsItemSet ? FromItem(response.Item) : null;
    }

    /// <summary>Takes the step a run's stream record asks for: the next page, unless the run is over or the record is its removal.</summary>
    public async Task ContinueAsync(StreamRecord record, CancellationToken cancellationToken)
    {
        if (record.Change.NewImage is not { } item || item.OptionalS(Status) != nameof(RepublishStatus.Running))
        {
            return;
        }

        var page = await products.RepublishPageAsync(item.OptionalS(NextKey), settings.PageSize, cancellationToken);
        var names = new Dictionary<string, string> { ["#pages"] = Pages, ["#products"] = Products, ["#deletions"] = Deletions, ["#nextKey"] = NextKey };
        var values = new Dictionary<string, AttributeValue>
        {
            [":pages"] = DynamoValue.N(item.Int(Pages)),
            [":one"] = DynamoValue.N(1),
            [":products"] = DynamoValue.N(page.Products),
            [":deletions"] = DynamoValue.N(page.Deletions),
        };
        const string counts = "#pages = #pages + :one, #products = #products + :products, #deletions = #deletions + :deletions";
        string update;
        if (page.NextKey is { } nextKey)
        {
            update = $"SET {counts}, #nextKey = :nextKey";
            values[":nextKey"] = DynamoValue.S(nextKey);
        }
        else
        {
            update = $"SET {counts}, #status = :completed, #finishedAt = :now REMOVE #nextKey";
            (names["#status"], names["#finishedAt"]) = (Status, FinishedAt);
            (values[":completed"], values[":now"]) = (DynamoValue.S(nameof(RepublishStatus.Completed)), DynamoValue.S(Timestamp(time.GetUtcNow())));
        }

        // Another delivery of this record took the step already when the count moved on: nothing to write twice.
        await dynamo.TryUpdateItemAsync(
            new UpdateItemRequest
            {
                TableName = _table,
                Key = new() { [Id] = item[Id] },
                UpdateExpression = update,
                ConditionExpression = "#pages = :pages",
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
            },
            cancellationToken);
    }

    private static RepublishJob FromItem(Dictionary<string, AttributeValue> item) => new(
        Guid.Parse(item[Id].S.AsSpan(KeyPrefix.Length)),
        Enum.Parse<RepublishStatus>(item[Status].S),
        item.Int(Pages),
        item.Int(Products),
        item.Int(Deletions),
        DateTimeOffset.Parse(item[StartedAt].S, CultureInfo.InvariantCulture),
        item.OptionalS(FinishedAt) is { } finished ? DateTimeOffset.Parse(finished, CultureInfo.InvariantCulture) : null);

    private static string Timestamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
