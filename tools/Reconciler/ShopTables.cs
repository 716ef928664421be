using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.Contracts;
using Ecommerce.Inventory.Ledger;
using Ecommerce.Shared.Dynamo;
using Ecommerce.Shared.Resources;

namespace Ecommerce.Reconciler;

/// <summary>
/// The saga's tables, read whole, a page at a time, with consistent reads and nothing written: Ordering's orders,
/// Inventory's stock records and reservations, Payment's records. Names come from <see cref="ResourceDefinitions"/>,
/// as the services read them (<c>Resources__OrderTable</c> and so on).
/// </summary>
internal sealed class ShopTables(IAmazonDynamoDB dynamo, ResourceNames names)
{
    public async Task<IReadOnlyList<OrderRow>> OrdersAsync(CancellationToken cancellationToken) =>
        [.. (await ScanAsync(ResourceDefinitions.OrderTable, cancellationToken)).Select(item =>
        {
            var payment = item.GetValueOrDefault("payment")?.M ?? [];
            return new OrderRow(
                item["orderId"].S,
                item["userName"].S,
                Enum.Parse<OrderStatus>(item["status"].S),
                item.Decimal("totalPrice"),
                item.LineItems("items"),
                payment.OptionalS("status") is { } paymentStatus ? Enum.Parse<PaymentStatus>(paymentStatus) : PaymentStatus.Pending,
                payment.OptionalS("paymentIntentId"),
                TimeOf(item.OptionalS("updatedAt")));
        })];

    public async Task<IReadOnlyList<StockRow>> StockAsync(CancellationToken cancellationToken) =>
        [.. (await ScanAsync(ResourceDefinitions.StockTable, cancellationToken)).Select(item => new StockRow(
            item["productId"].S,
            item.Int("onHand"),
            item.Int("reserved"),
            item.Int("available"),
            item.Int("lastSet"),
            item.Int("takenSinceSet")))];

    public async Task<IReadOnlyList<ReservationRow>> ReservationsAsync(CancellationToken cancellationToken) =>
        [.. (await ScanAsync(ResourceDefinitions.ReservationTable, cancellationToken)).Select(item => new ReservationRow(
            item["orderId"].S,
            item["status"].S,
            item.Int("chunksDone"),
            [.. (item.GetValueOrDefault("lines")?.L ?? []).Select(line => new ReservedLine(line.M["productId"].S, line.M.Int("quantity")))],
            TimeOf(item.OptionalS("updatedAt"))))];

    public async Task<IReadOnlyList<PaymentRow>> PaymentsAsync(CancellationToken cancellationToken) =>
        [.. (await ScanAsync(ResourceDefinitions.PaymentTable, cancellationToken)).Select(item => new PaymentRow(
            item["orderId"].S,
            item.OptionalS("status"),
            item.OptionalS("paymentIntentId"),
            TimeOf(item.OptionalS("updatedAt"))))];

    /// <summary>Every item of the table, page after page (1 MB each, as DynamoDB pages a scan).</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(TableDefinition table, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamo.ScanAsync(
                new ScanRequest { TableName = names[table], ConsistentRead = true, ExclusiveStartKey = startKey },
                cancellationToken);
            items.AddRange(page.Items ?? []);
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return items;
    }

    private static DateTimeOffset TimeOf(string? text) =>
        text is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
