using Amazon.DynamoDBv2;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ecommerce.Shared.Dynamo;

/// <summary>Ready when the service's table answers DescribeTable.</summary>
public sealed class DynamoTableHealthCheck(IAmazonDynamoDB dynamo, string tableName) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var table = await dynamo.DescribeTableAsync(tableName, cancellationToken);
            return table.Table.TableStatus == TableStatus.ACTIVE
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The table is not active.");
        }
        catch (AmazonDynamoDBException e)
        {
            return HealthCheckResult.Unhealthy($"The table does not answer: {e.ErrorCode}.");
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Unhealthy("DynamoDB cannot be reached.");
        }
    }
}
