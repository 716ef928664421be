using System.Text.Json;
using Amazon.CDK.AWS.Lambda;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class LeastPrivilegeTests(SynthesizedStacks stacks)
{
    private static readonly string[] DataServices = ["dynamodb:", "sqs:", "events:", "secretsmanager:"];
    private static readonly string[] PolicyTypes = ["AWS::IAM::Policy", "AWS::SQS::QueuePolicy"];

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
                var actions = statement.GetProperty("Action").OneOrMany().Select(a => a.GetString()!).ToList();
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
        Assert.Equal([Dev.LogicalId(data.Products)], TablesReachedBy(Dev.Stack.Functions.Product));
        Assert.Equal(new[] { Dev.LogicalId(data.Baskets), Dev.LogicalId(data.CheckoutIdempotency) }.Order(), TablesReachedBy(Dev.Stack.Functions.Basket));
        Assert.Equal([Dev.LogicalId(data.Orders)], TablesReachedBy(Dev.Stack.Functions.OrderingApi));
        Assert.Equal([Dev.LogicalId(data.Orders)], TablesReachedBy(Dev.Stack.Functions.OrderingConsumer));
    }

    [Fact]
    public void The_ordering_api_only_reads_orders_and_the_consumer_only_writes_them_and_reads_back_one_key()
    {
        var apiActions = ActionsOf(Dev.Stack.Functions.OrderingApi, "dynamodb:");
        Assert.Contains("dynamodb:Query", apiActions);
        Assert.DoesNotContain(apiActions, a => a is "dynamodb:PutItem" or "dynamodb:UpdateItem" or "dynamodb:DeleteItem" or "dynamodb:BatchWriteItem");

        // It writes once per event, and reads back only the key a redelivered event collided with.
        var consumerActions = ActionsOf(Dev.Stack.Functions.OrderingConsumer, "dynamodb:");
        Assert.Contains("dynamodb:PutItem", consumerActions);
        Assert.Contains("dynamodb:GetItem", consumerActions);
        Assert.DoesNotContain(consumerActions, a => a is "dynamodb:Scan" or "dynamodb:Query" or "dynamodb:BatchGetItem");
    }

    [Fact]
    public void Only_basket_may_put_events_and_only_on_this_stack_bus()
    {
        var bus = GetArn(Dev.LogicalId(Dev.Stack.Messaging.Bus));
        var putEvents = Assert.Single(StatementsOf(Dev.Stack.Functions.Basket), s => s.GetProperty("Action").OneOrMany().Any(a => a.GetString() == "events:PutEvents"));
        AssertIs(bus, putEvents.GetProperty("Resource"));

        foreach (var function in new[] { Dev.Stack.Functions.Product, Dev.Stack.Functions.OrderingApi, Dev.Stack.Functions.OrderingConsumer })
        {
            Assert.Empty(ActionsOf(function, "events:"));
        }
    }

    [Fact]
    public void Only_the_consumer_may_take_messages_off_the_order_queue_and_nobody_may_touch_the_dead_letter_queue()
    {
        var queue = GetArn(Dev.LogicalId(Dev.Stack.Messaging.OrderQueue));
        var consume = StatementsOf(Dev.Stack.Functions.OrderingConsumer).Where(s => ActionsIn(s).Any(a => a.StartsWith("sqs:", StringComparison.Ordinal))).ToList();
        Assert.All(consume, s => AssertIs(queue, s.GetProperty("Resource")));
        Assert.Contains("sqs:ReceiveMessage", consume.SelectMany(ActionsIn));
        Assert.Contains("sqs:DeleteMessage", consume.SelectMany(ActionsIn));

        // Nothing in AWS calls the Ordering API's /health/ready, the one place it would look the queue up.
        Assert.Empty(ActionsOf(Dev.Stack.Functions.OrderingApi, "sqs:"));
        Assert.Empty(ActionsOf(Dev.Stack.Functions.Product, "sqs:"));
        Assert.Empty(ActionsOf(Dev.Stack.Functions.Basket, "sqs:"));

        foreach (var deadLetterQueue in Dev.Stack.Messaging.DeadLetterQueues.Select(queue => GetArn(Dev.LogicalId(queue))))
        {
            Assert.DoesNotContain(
                IamPolicyStatements(Dev),
                s => s.GetProperty("Resource").OneOrMany().Any(r => r.Is(deadLetterQueue)));
        }
    }

    [Fact]
    public void Each_function_may_write_only_to_its_own_log_group_and_has_no_managed_policy()
    {
        foreach (var function in Dev.Stack.Functions.All)
        {
            Assert.False(Dev.Properties(function.Role!).TryGetProperty("ManagedPolicyArns", out _), $"{function.Node.Id} has a managed policy");

            var ownGroup = GetArn(Dev.LogicalId(function.LogGroup));
            var logStatements = StatementsOf(function).Where(s => ActionsIn(s).Any(a => a.StartsWith("logs:", StringComparison.Ordinal))).ToList();
            Assert.NotEmpty(logStatements);
            Assert.All(logStatements, s => AssertIs(ownGroup, s.GetProperty("Resource")));
            Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], logStatements.SelectMany(ActionsIn).Order());
        }
    }

    private static IEnumerable<JsonElement> AllPolicyStatements(SynthesizedStack stack) =>
        PolicyTypes
            .SelectMany(stack.Resources)
            .SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

    private static IEnumerable<JsonElement> IamPolicyStatements(SynthesizedStack stack) =>
        stack.Resources("AWS::IAM::Policy")
            .SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

    private List<JsonElement> StatementsOf(Function function)
    {
        var role = Ref(Dev.LogicalId(function.Role!));
        var policies = Dev.Resources("AWS::IAM::Policy")
            .Where(p => p.Resource.GetProperty("Properties").GetProperty("Roles").EnumerateArray().Any(r => r.Is(role)))
            .ToList();
        Assert.NotEmpty(policies);

        // Inline policies on the role itself would escape the scan above.
        Assert.False(Dev.Properties(function.Role!).TryGetProperty("Policies", out _));
        return [.. policies.SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray())];
    }

    private static IEnumerable<string> ActionsIn(JsonElement statement) => statement.GetProperty("Action").OneOrMany().Select(a => a.GetString()!);

    private List<string> ActionsOf(Function function, string servicePrefix) =>
        [.. StatementsOf(function).SelectMany(ActionsIn).Where(a => a.StartsWith(servicePrefix, StringComparison.Ordinal))];

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

    // The logical id behind {"Fn::GetAtt":[id,"Arn"]} or {"Fn::Join":["",[{"Fn::GetAtt":[id,"Arn"]},"/index/*"]]}.
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
