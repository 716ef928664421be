using System.Text.Json;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Amazon.CDK.AWS.Lambda;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class LeastPrivilegeTests(SynthesizedStacks stacks)
{
    private static readonly string[] DataServices = ["dynamodb:", "sqs:", "events:", "secretsmanager:"];
    private static readonly string[] PolicyTypes = ["AWS::IAM::Policy", "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy"];
    private static readonly string[] StreamActions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];

    private SynthesizedStack Dev => stacks.Dev;

    [Fact]
    public void No_policy_allows_a_wildcard_action_or_a_wildcard_resource_on_data()
    {
        foreach (var stack in stacks.Both)
        {
            var allows = AllPolicyStatements(stack).Where(s => s.GetProperty("Effect").GetString() == "Allow").ToList();
            Assert.NotEmpty(allows);
            foreach (var statement in allows)
            {
                var actions = ActionsIn(statement).ToList();
                Assert.DoesNotContain(actions, a => a == "*" || a.EndsWith(":*", StringComparison.Ordinal));

                if (actions.Any(a => DataServices.Any(service => a.StartsWith(service, StringComparison.Ordinal))))
                {
                    var resources = statement.GetProperty("Resource").OneOrMany().ToList();
                    Assert.DoesNotContain(resources, r => r.ValueKind == JsonValueKind.String && r.GetString()!.Contains('*', StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void Each_function_reaches_only_its_own_tables()
    {
        var data = Dev.Stack.Data;
        var functions = Dev.Stack.Functions;
        Assert.Equal([Dev.LogicalId(data.Products)], TablesReachedBy(functions.Product));
        Assert.Equal([Dev.LogicalId(data.Products)], TablesReachedBy(functions.ProductPublisher));
        Assert.Equal(
            new[] { Dev.LogicalId(data.Baskets), Dev.LogicalId(data.CheckoutIdempotency), Dev.LogicalId(data.BasketCatalogue) }.Order(),
            TablesReachedBy(functions.Basket));
        Assert.Equal([Dev.LogicalId(data.BasketCatalogue)], TablesReachedBy(functions.BasketCatalogueConsumer));
        Assert.Equal([Dev.LogicalId(data.Orders)], TablesReachedBy(functions.OrderingApi));
        Assert.Equal([Dev.LogicalId(data.Orders)], TablesReachedBy(functions.OrderingConsumer));
    }

    [Fact]
    public void The_ordering_api_only_reads_orders_and_the_consumer_only_writes_them_and_reads_back_one_key()
    {
        var apiActions = ActionsOf(Dev.Stack.Functions.OrderingApi, "dynamodb:");
        Assert.Contains("dynamodb:Query", apiActions);
        Assert.DoesNotContain(apiActions, IsWrite);

        // It writes once per event, and reads back only the key a redelivered event collided with.
        var consumerActions = ActionsOf(Dev.Stack.Functions.OrderingConsumer, "dynamodb:");
        Assert.Contains("dynamodb:PutItem", consumerActions);
        Assert.Contains("dynamodb:GetItem", consumerActions);
        Assert.DoesNotContain(consumerActions, a => a is "dynamodb:Scan" or "dynamodb:Query" or "dynamodb:BatchGetItem");
    }

    [Fact]
    public void Basket_only_reads_its_view_of_the_catalogue_and_only_the_catalogue_consumer_writes_it()
    {
        var view = GetArn(Dev.LogicalId(Dev.Stack.Data.BasketCatalogue));
        var basketOnView = ActionsOn(Dev.Stack.Functions.Basket, view);
        Assert.Contains("dynamodb:GetItem", basketOnView);
        Assert.Contains("dynamodb:BatchGetItem", basketOnView);
        Assert.DoesNotContain(basketOnView, IsWrite);

        var consumerOnView = ActionsOn(Dev.Stack.Functions.BasketCatalogueConsumer, view);
        Assert.Contains("dynamodb:GetItem", consumerOnView);
        Assert.Contains("dynamodb:PutItem", consumerOnView);
        Assert.Contains("dynamodb:UpdateItem", consumerOnView);
    }

    [Fact]
    public void The_publisher_reads_only_the_product_stream_never_the_table()
    {
        var publisher = StatementsOf(Dev.Stack.Functions.ProductPublisher)
            .Where(s => ActionsIn(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
            .ToList();

        var read = Assert.Single(publisher);
        Assert.Equal(StreamActions, ActionsIn(read).Order());
        AssertIs($$"""{"Fn::GetAtt":["{{Dev.LogicalId(Dev.Stack.Data.Products)}}","StreamArn"]}""", read.GetProperty("Resource"));

        // The HTTP functions have no business with a stream.
        Assert.All(
            [Dev.Stack.Functions.Product, Dev.Stack.Functions.Basket, Dev.Stack.Functions.OrderingApi, Dev.Stack.Functions.BasketCatalogueConsumer],
            function => Assert.DoesNotContain("dynamodb:DescribeStream", ActionsOf(function, "dynamodb:")));
    }

    [Fact]
    public void Only_basket_and_the_publisher_may_put_events_and_only_on_this_stack_bus()
    {
        var bus = GetArn(Dev.LogicalId(Dev.Stack.Messaging.Bus));
        foreach (var function in new[] { Dev.Stack.Functions.Basket, Dev.Stack.Functions.ProductPublisher })
        {
            var putEvents = Assert.Single(StatementsOf(function), s => ActionsIn(s).Contains("events:PutEvents"));
            AssertIs(bus, putEvents.GetProperty("Resource"));
        }

        foreach (var function in new[] { Dev.Stack.Functions.Product, Dev.Stack.Functions.OrderingApi, Dev.Stack.Functions.OrderingConsumer, Dev.Stack.Functions.BasketCatalogueConsumer })
        {
            Assert.Empty(ActionsOf(function, "events:"));
        }
    }

    [Fact]
    public void Each_queue_consumer_may_take_messages_off_its_own_queue_only()
    {
        var consumers = new Dictionary<Function, Amazon.CDK.AWS.SQS.IQueue>
        {
            [Dev.Stack.Functions.OrderingConsumer] = Dev.Stack.Messaging.OrderQueue,
            [Dev.Stack.Functions.BasketCatalogueConsumer] = Dev.Stack.Catalogue.BasketCatalogueQueue,
        };

        foreach (var (consumer, ownQueue) in consumers)
        {
            var queue = GetArn(Dev.LogicalId(ownQueue));
            var consume = StatementsOf(consumer).Where(s => ActionsIn(s).Any(a => a.StartsWith("sqs:", StringComparison.Ordinal))).ToList();
            Assert.All(consume, s => AssertIs(queue, s.GetProperty("Resource")));
            Assert.Contains("sqs:ReceiveMessage", consume.SelectMany(ActionsIn));
            Assert.Contains("sqs:DeleteMessage", consume.SelectMany(ActionsIn));
        }

        // Nothing in AWS calls the Ordering API's /health/ready, the one place it would look the queue up.
        Assert.Empty(ActionsOf(Dev.Stack.Functions.OrderingApi, "sqs:"));
        Assert.Empty(ActionsOf(Dev.Stack.Functions.Product, "sqs:"));
        Assert.Empty(ActionsOf(Dev.Stack.Functions.Basket, "sqs:"));
    }

    [Fact]
    public void Nobody_may_touch_a_dead_letter_queue_but_the_publisher_recording_failed_stream_batches()
    {
        var streamDeadLetters = GetArn(Dev.LogicalId(Dev.Stack.Catalogue.StreamDeadLetterQueue));
        var publisher = Ref(Dev.LogicalId(Dev.Stack.Functions.ProductPublisher.Role!));

        var deadLetterQueues = Dev.Stack.Messaging.DeadLetterQueues.Concat(Dev.Stack.Catalogue.DeadLetterQueues).Select(queue => GetArn(Dev.LogicalId(queue))).ToList();
        Assert.Equal(5, deadLetterQueues.Count);
        foreach (var (_, policy) in Dev.Resources("AWS::IAM::Policy"))
        {
            var properties = policy.GetProperty("Properties");
            foreach (var statement in properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())
            {
                var touched = statement.GetProperty("Resource").OneOrMany().Where(r => deadLetterQueues.Any(queue => r.Is(queue))).ToList();
                if (touched.Count == 0)
                {
                    continue;
                }

                // Lambda sends the record of a failed batch with the function's own role.
                Assert.All(touched, r => AssertIs(streamDeadLetters, r));
                Assert.Contains(properties.GetProperty("Roles").EnumerateArray(), r => r.Is(publisher));
                Assert.Single(properties.GetProperty("Roles").EnumerateArray());
                Assert.Contains("sqs:SendMessage", ActionsIn(statement));
                Assert.DoesNotContain(ActionsIn(statement), a => a is "sqs:ReceiveMessage" or "sqs:DeleteMessage" or "sqs:PurgeQueue");
            }
        }
    }

    [Fact]
    public void Each_function_may_write_only_to_its_own_log_group_and_has_no_managed_policy()
    {
        var roles = Dev.Stack.Functions.All.Select(function => (function.Node.Id, Role: function.Role!, Logs: (IConstruct)function.LogGroup))
            .Append(("StorefrontDeployment", Dev.Stack.Storefront.DeploymentRole, Dev.Stack.Storefront.DeploymentLogs));

        foreach (var (name, role, logs) in roles)
        {
            Assert.False(Dev.Properties(role).TryGetProperty("ManagedPolicyArns", out _), $"{name} has a managed policy");

            var ownGroup = GetArn(Dev.LogicalId(logs));
            var logStatements = StatementsOf(role).Where(s => ActionsIn(s).Any(a => a.StartsWith("logs:", StringComparison.Ordinal))).ToList();
            Assert.NotEmpty(logStatements);
            Assert.All(logStatements, s => AssertIs(ownGroup, s.GetProperty("Resource")));
            Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], logStatements.SelectMany(ActionsIn).Order());
        }
    }

    [Fact]
    public void The_storefront_deployment_writes_only_to_the_storefront_bucket_and_touches_no_data()
    {
        var bucket = Dev.LogicalId(Dev.Stack.Storefront.Bucket);
        var statements = StatementsOf(Dev.Stack.Storefront.DeploymentRole);

        var writes = statements.Where(s => ActionsIn(s).Any(a => a is "s3:PutObject" or "s3:DeleteObject*")).ToList();
        var write = Assert.Single(writes);
        Assert.All(write.GetProperty("Resource").OneOrMany(), r => Assert.Contains($"\"{bucket}\"", r.GetRawText(), StringComparison.Ordinal));
        Assert.DoesNotContain(statements.SelectMany(ActionsIn), a => DataServices.Any(service => a.StartsWith(service, StringComparison.Ordinal)));
    }

    private static bool IsWrite(string action) =>
        action is "dynamodb:PutItem" or "dynamodb:UpdateItem" or "dynamodb:DeleteItem" or "dynamodb:BatchWriteItem";

    private static IEnumerable<JsonElement> AllPolicyStatements(SynthesizedStack stack) =>
        PolicyTypes
            .SelectMany(stack.Resources)
            .SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

    private List<JsonElement> StatementsOf(Function function) => StatementsOf(function.Role!);

    private List<JsonElement> StatementsOf(IRole role)
    {
        var roleRef = Ref(Dev.LogicalId(role));
        var policies = Dev.Resources("AWS::IAM::Policy")
            .Where(p => p.Resource.GetProperty("Properties").GetProperty("Roles").EnumerateArray().Any(r => r.Is(roleRef)))
            .ToList();
        Assert.NotEmpty(policies);

        // Inline policies on the role itself would escape the scan above.
        Assert.False(Dev.Properties(role).TryGetProperty("Policies", out _));
        return [.. policies.SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())];
    }

    private static IEnumerable<string> ActionsIn(JsonElement statement) => statement.GetProperty("Action").OneOrMany().Select(a => a.GetString()!);

    private List<string> ActionsOf(Function function, string servicePrefix) =>
        [.. StatementsOf(function).SelectMany(ActionsIn).Where(a => a.StartsWith(servicePrefix, StringComparison.Ordinal))];

    private List<string> ActionsOn(Function function, string resourceJson) =>
        [.. StatementsOf(function).Where(s => s.GetProperty("Resource").OneOrMany().Any(r => r.Is(resourceJson))).SelectMany(ActionsIn)];

    private string[] TablesReachedBy(Function function)
    {
        var tableIds = Dev.Resources("AWS::DynamoDB::Table").Select(t => t.Id).ToHashSet();
        return
        [
            .. StatementsOf(function)
                .Where(s => ActionsIn(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
                .SelectMany(s => s.GetProperty("Resource").OneOrMany())
                .Select(ReferencedResource)
                .OfType<string>()
                .Where(tableIds.Contains)
                .Distinct()
                .Order(),
        ];
    }

    // The logical id behind {"Fn::GetAtt":[id,"Arn"]}, {"Fn::GetAtt":[id,"StreamArn"]} or {"Fn::Join":["",[{"Fn::GetAtt":[id,"Arn"]},"/index/*"]]}.
    private static string? ReferencedResource(JsonElement resource)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (resource.TryGetProperty("Fn::GetAtt", out var getAtt))
        {
            return getAtt[0].GetString();
        }

        return resource.TryGetProperty("Fn::Join", out var join)
            ? join[1].EnumerateArray().Select(ReferencedResource).OfType<string>().FirstOrDefault()
            : null;
    }
}
