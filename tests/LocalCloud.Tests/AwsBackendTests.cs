using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>What the fixtures run against: an endpoint from the environment, else LocalStack when Docker answers, else LocalCloud.</summary>
public sealed class AwsBackendTests
{
    private static readonly DockerEngine Answering = new("unix:///var/run/docker.sock", Answers: true);
    private static readonly DockerEngine Silent = new("unix:///var/run/docker.sock", Answers: false);

    [Fact]
    public void An_endpoint_in_the_environment_is_used_without_asking_for_a_docker_engine()
    {
        var chosen = AwsBackend.Choose("http://localhost:4566", () => throw new InvalidOperationException("Docker was asked"));

        Assert.Equal(AwsBackendKind.Endpoint, chosen.Kind);
        Assert.Equal("http://localhost:4566", chosen.EndpointUrl);
        Assert.Equal("http://localhost:4566 (AWS_ENDPOINT_URL is set)", chosen.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_an_endpoint_LocalStack_is_chosen_when_a_docker_engine_answers(string? endpointUrl)
    {
        var chosen = AwsBackend.Choose(endpointUrl, () => Answering);

        Assert.Equal(AwsBackendKind.LocalStack, chosen.Kind);
        Assert.Null(chosen.EndpointUrl);
        Assert.Equal(
            "LocalStack localstack/localstack:4.14.0 through Testcontainers (a Docker engine answered at unix:///var/run/docker.sock)",
            chosen.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_an_endpoint_or_a_docker_engine_LocalCloud_is_chosen_naming_where_docker_was_looked_for(string? endpointUrl)
    {
        var chosen = AwsBackend.Choose(endpointUrl, () => Silent);

        Assert.Equal(AwsBackendKind.LocalCloud, chosen.Kind);
        Assert.Equal("LocalCloud and DynamoDB Local (no Docker engine answered at unix:///var/run/docker.sock)", chosen.ToString());
    }

    [Fact]
    public void Only_LocalCloud_runs_the_tests_that_need_its_fault_injection()
    {
        Assert.Null(AwsBackend.Choose(null, () => Silent).FaultInjectionSkipReason);
        Assert.Contains("run against LocalStack", AwsBackend.Choose(null, () => Answering).FaultInjectionSkipReason, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL", AwsBackend.Choose("http://localhost:4566", () => Answering).FaultInjectionSkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void This_test_process_chose_by_the_same_rule()
    {
        var environment = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");

        Assert.Equal(AwsBackend.Choose(environment, () => DockerEngine.Current), AwsBackend.Current);
    }

    [LocalStackFact]
    public async Task LocalStack_started_through_Testcontainers_serves_DynamoDB_SQS_and_EventBridge_at_one_url()
    {
        var url = await TestSupport.LocalStack.UrlAsync();
        using var dynamoDb = Clients.DynamoDb(url);
        using var sqs = Clients.Sqs(url);
        var events = Clients.EventBridge(new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = url });
        var table = Clients.Unique("localstack");

        await dynamoDb.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            KeySchema = [new KeySchemaElement("id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("id", ScalarAttributeType.S)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        var tables = await dynamoDb.ListTablesAsync();
        var queue = await sqs.CreateQueueAsync(Clients.Unique("localstack"));
        var bus = await events.DescribeEventBusAsync("default", CancellationToken.None);

        Assert.Contains(table, tables.TableNames);
        Assert.StartsWith(url + "/", queue.QueueUrl, StringComparison.Ordinal);
        Assert.Equal("default", bus?.Name);
    }
}
