using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Ecommerce.Shared.Dynamo;

/// <summary>
/// Conditional writes that answer false when their condition did not hold. To the repositories here a
/// failed condition is an answer (not found, already taken, changed meanwhile), not an error.
/// </summary>
public static class ConditionalWrites
{
    public static Task<bool> TryPutItemAsync(this IAmazonDynamoDB dynamo, PutItemRequest request, CancellationToken cancellationToken) =>
        TryAsync(() => dynamo.PutItemAsync(request, cancellationToken));

    public static Task<bool> TryUpdateItemAsync(this IAmazonDynamoDB dynamo, UpdateItemRequest request, CancellationToken cancellationToken) =>
        TryAsync(() => dynamo.UpdateItemAsync(request, cancellationToken));

    public static Task<bool> TryDeleteItemAsync(this IAmazonDynamoDB dynamo, DeleteItemRequest request, CancellationToken cancellationToken) =>
        TryAsync(() => dynamo.DeleteItemAsync(request, cancellationToken));

    private static async Task<bool> TryAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
