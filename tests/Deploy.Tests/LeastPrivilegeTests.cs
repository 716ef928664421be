using System.Text.Json;
using Amazon.CDK.AWS.IAM;
using Constructs;
using Amazon.CDK.AWS.Lambda;
using Ecommerce.Deploy.Constructs;
using static Ecommerce.Deploy.Tests.Intrinsics;

namespace Ecommerce.Deploy.Tests;

[Collection(UsesSynthesizedStacks.Name)]
public sealed class LeastPrivilegeTests(SynthesizedStacks stacks)
{
    private static readonly string[] DataServices = ["dynamodb:", "sqs:", "events:", "secretsmanager:", "ssm:"];
    private static readonly string[] PolicyTypes = ["AWS::IAM::Policy", "AWS::SQS::QueuePolicy", "AWS::S3::BucketPolicy"];
    private static readonly string[] StreamActions = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"];

    // What a republish run does in the product publisher: read a page of the table, touch each product.
    private static readonly string[] RepublishActions = ["dynamodb:Scan", "dynamodb:UpdateItem"];

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

                // ListStreams lists stream ARNs, no data, and IAM takes only "*" for it; it stands alone in its statement.
                if (actions is [ServiceFunctions.ListStreams])
                {
                    Assert.Equal("*", statement.GetProperty("Resource").GetString());
                    continue;
                }

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
        foreach (var ordering in new[] { functions.OrderingApi, functions.OrderingConsumer, functions.OrderingSagaConsumer, functions.OrderingExpiryConsumer, functions.OrderingPublisher })
        {
            Assert.Equal([Dev.LogicalId(data.Orders)], TablesReachedBy(ordering));
        }

        Assert.Equal([Dev.LogicalId(data.Stock)], TablesReachedBy(functions.InventoryApi));
        Assert.Equal([Dev.LogicalId(data.Stock)], TablesReachedBy(functions.InventoryProductConsumer));
        Assert.Equal(new[] { Dev.LogicalId(data.Stock), Dev.LogicalId(data.Reservations) }.Order(), TablesReachedBy(functions.InventoryOrderConsumer));
        Assert.Equal([Dev.LogicalId(data.Payments)], TablesReachedBy(functions.PaymentApi));
        Assert.Equal([Dev.LogicalId(data.Payments)], TablesReachedBy(functions.PaymentOrderConsumer));
    }

    [Fact]
    public void No_function_may_do_everything_to_a_table()
    {
        Assert.All(Dev.Stack.Functions.All, function => Assert.DoesNotContain("dynamodb:*", ActionsOf(function, "dynamodb:")));
    }

    [Fact]
    public void The_ordering_api_reads_orders_and_only_updates_them_and_the_consumer_only_writes_them_and_reads_back_one_key()
    {
        // Cancel and ship are conditional updates of an order that exists; the API never creates or deletes one.
        var apiActions = ActionsOf(Dev.Stack.Functions.OrderingApi, "dynamodb:");
        Assert.Contains("dynamodb:Query", apiActions);
        Assert.Contains("dynamodb:UpdateItem", apiActions);
        Assert.DoesNotContain(apiActions, a => IsWrite(a) && a != "dynamodb:UpdateItem");

        // It writes once per event, and reads back only the key a redelivered event collided with.
        var consumerActions = ActionsOf(Dev.Stack.Functions.OrderingConsumer, "dynamodb:");
        Assert.Contains("dynamodb:PutItem", consumerActions);
        Assert.Contains("dynamodb:GetItem", consumerActions);
        Assert.DoesNotContain(consumerActions, a => a is "dynamodb:Scan" or "dynamodb:Query" or "dynamodb:BatchGetItem");
    }

    [Fact]
    public void The_saga_and_expiry_consumers_only_move_an_existing_order_on_by_its_key()
    {
        foreach (var consumer in new[] { Dev.Stack.Functions.OrderingSagaConsumer, Dev.Stack.Functions.OrderingExpiryConsumer })
        {
            Assert.Equal(["dynamodb:GetItem", "dynamodb:UpdateItem"], ActionsOf(consumer, "dynamodb:").Order());
        }
    }

    [Fact]
    public void Inventory_s_api_sets_stock_but_never_touches_a_reservation_and_payment_s_api_only_reads()
    {
        var reservations = GetArn(Dev.LogicalId(Dev.Stack.Data.Reservations));
        Assert.Empty(ActionsOn(Dev.Stack.Functions.InventoryApi, reservations));
        Assert.Contains("dynamodb:UpdateItem", ActionsOn(Dev.Stack.Functions.InventoryApi, GetArn(Dev.LogicalId(Dev.Stack.Data.Stock))));

        var paymentApi = ActionsOf(Dev.Stack.Functions.PaymentApi, "dynamodb:");
        Assert.Contains("dynamodb:GetItem", paymentApi);
        Assert.DoesNotContain(paymentApi, IsWrite);
    }

    [Fact]
    public void Only_payment_s_functions_may_read_the_stripe_key_and_only_that_parameter_decrypted_through_ssm()
    {
        var parameter = InAccount("ssm", ":parameter/ecommerce/stripe/secret-key");
        var payment = new[] { Dev.Stack.Functions.PaymentApi, Dev.Stack.Functions.PaymentOrderConsumer };
        foreach (var function in payment)
        {
            var read = Assert.Single(StatementsOf(function), s => ActionsIn(s).Any(a => a.StartsWith("ssm:", StringComparison.Ordinal)));
            Assert.Equal(["ssm:GetParameter"], ActionsIn(read));
            AssertIs(parameter, read.GetProperty("Resource"));

            // The AWS-managed key's id is unknown to the template: any key of the account, but only through SSM and only for this parameter.
            var decrypt = Assert.Single(StatementsOf(function), s => ActionsIn(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
            Assert.Equal(["kms:Decrypt"], ActionsIn(decrypt));
            AssertIs(InAccount("kms", ":key/*"), decrypt.GetProperty("Resource"));
            var conditions = decrypt.GetProperty("Condition").GetProperty("StringEquals");
            AssertIs("""{"Fn::Join":["",["ssm.",{"Ref":"AWS::Region"},".amazonaws.com"]]}""", conditions.GetProperty("kms:ViaService"));
            AssertIs(parameter, conditions.GetProperty("kms:EncryptionContext:PARAMETER_ARN"));
        }

        Assert.All(Dev.Stack.Functions.All.Except(payment), function =>
        {
            Assert.Empty(ActionsOf(function, "ssm:"));
            Assert.Empty(ActionsOf(function, "kms:"));
        });

        // No other role of the stack may read a parameter either.
        var paymentRoles = payment.Select(f => Ref(Dev.LogicalId(f.Role!))).ToList();
        foreach (var (_, policy) in Dev.Resources("AWS::IAM::Policy"))
        {
            var properties = policy.GetProperty("Properties");
            if (properties.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray().Any(s => ActionsIn(s).Any(a => a.StartsWith("ssm:", StringComparison.Ordinal))))
            {
                Assert.All(properties.GetProperty("Roles").EnumerateArray(), role => Assert.Contains(paymentRoles, paymentRole => role.Is(paymentRole)));
            }
        }

        // The stack names the parameter; the deployer puts the key there, so no value can be in the template.
        Dev.Template.ResourceCountIs("AWS::SSM::Parameter", 0);
    }

    [Fact]
    public void A_parameter_named_in_context_is_the_one_payment_may_read()
    {
        var prod = stacks.Prod;
        var roleRef = Ref(prod.LogicalId(prod.Stack.Functions.PaymentOrderConsumer.Role!));
        var statements = prod.Resources("AWS::IAM::Policy")
            .Where(p => p.Resource.GetProperty("Properties").GetProperty("Roles").EnumerateArray().Any(r => r.Is(roleRef)))
            .SelectMany(p => p.Resource.GetProperty("Properties").GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

        var read = Assert.Single(statements, s => ActionsIn(s).Contains("ssm:GetParameter"));
        AssertIs(InAccount("ssm", ":parameter" + SynthesizedStacks.ProductionStripeParameter), read.GetProperty("Resource"));
    }

    private static string InAccount(string service, string resource) =>
        $$"""{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":{{service}}:",{"Ref":"AWS::Region"},":",{"Ref":"AWS::AccountId"},"{{resource}}"]]}""";

    [Fact]
    public void Each_publisher_reads_its_table_s_stream_and_the_product_publisher_only_scans_and_touches_its_table_for_a_republish_run()
    {
        var publishers = new Dictionary<Function, Amazon.CDK.AWS.DynamoDB.Table>
        {
            [Dev.Stack.Functions.ProductPublisher] = Dev.Stack.Data.Products,
            [Dev.Stack.Functions.OrderingPublisher] = Dev.Stack.Data.Orders,
        };
        foreach (var (function, table) in publishers)
        {
            var statements = StatementsOf(function).Where(s => ActionsIn(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))).ToList();

            var read = Assert.Single(statements, s => ActionsIn(s).Contains("dynamodb:GetRecords"));
            Assert.Equal(StreamActions, ActionsIn(read).Order());
            AssertIs($$"""{"Fn::GetAtt":["{{Dev.LogicalId(table)}}","StreamArn"]}""", read.GetProperty("Resource"));
            // As AWS's own stream policy for Lambda grants it: a failed CreateEventSourceMapping costs more than a list of ARNs.
            var list = Assert.Single(statements, s => ActionsIn(s).Contains(ServiceFunctions.ListStreams));
            Assert.Equal([ServiceFunctions.ListStreams], ActionsIn(list));
            Assert.Equal("*", list.GetProperty("Resource").GetString());
            var others = statements.Where(s => s.ToString() != read.ToString() && s.ToString() != list.ToString()).ToList();
            if (function == Dev.Stack.Functions.ProductPublisher)
            {
                var republish = Assert.Single(others);
                Assert.Equal(RepublishActions, ActionsIn(republish).Order());
                Assert.Contains(Dev.LogicalId(table), republish.GetProperty("Resource").ToString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Empty(others);
            }
        }

        // Nobody else has business with a stream.
        Assert.All(
            Dev.Stack.Functions.All.Except(publishers.Keys),
            function => Assert.DoesNotContain(ActionsOf(function, "dynamodb:"), a => a is "dynamodb:DescribeStream" or ServiceFunctions.ListStreams));
    }

    [Fact]
    public void Only_basket_the_publishers_and_the_saga_s_answerers_may_put_events_and_only_on_this_stack_bus()
    {
        var functions = Dev.Stack.Functions;
        var bus = GetArn(Dev.LogicalId(Dev.Stack.Messaging.Bus));
        Function[] publishers = [functions.Basket, functions.ProductPublisher, functions.OrderingPublisher, functions.InventoryOrderConsumer, functions.PaymentOrderConsumer];
        foreach (var function in publishers)
        {
            var putEvents = Assert.Single(StatementsOf(function), s => ActionsIn(s).Contains("events:PutEvents"));
            AssertIs(bus, putEvents.GetProperty("Resource"));
        }

        // Ordering's state changes reach the bus only through its table's stream.
        Assert.All(functions.All.Except(publishers), function => Assert.Empty(ActionsOf(function, "events:")));
    }

    [Fact]
    public void Each_queue_consumer_may_take_messages_off_its_own_queue_only()
    {
        var (functions, saga) = (Dev.Stack.Functions, Dev.Stack.Saga);
        var consumers = new Dictionary<Function, Amazon.CDK.AWS.SQS.IQueue>
        {
            [functions.OrderingConsumer] = Dev.Stack.Messaging.OrderQueue,
            [functions.BasketCatalogueConsumer] = Dev.Stack.Catalogue.BasketCatalogueQueue,
            [functions.OrderingSagaConsumer] = saga.OrderSaga.Queue,
            [functions.OrderingExpiryConsumer] = saga.OrderExpiry.Queue,
            [functions.InventoryProductConsumer] = saga.InventoryProducts.Queue,
            [functions.InventoryOrderConsumer] = saga.InventoryOrders.Queue,
            [functions.PaymentOrderConsumer] = saga.PaymentOrders.Queue,
        };

        foreach (var (consumer, ownQueue) in consumers)
        {
            var queue = GetArn(Dev.LogicalId(ownQueue));
            var consume = StatementsOf(consumer).Where(s => ActionsIn(s).Any(a => a.StartsWith("sqs:", StringComparison.Ordinal))).ToList();
            Assert.All(consume, s => AssertIs(queue, s.GetProperty("Resource")));
            Assert.Contains("sqs:ReceiveMessage", consume.SelectMany(ActionsIn));
            Assert.Contains("sqs:DeleteMessage", consume.SelectMany(ActionsIn));
        }

        // Nothing in AWS calls an API's /health/ready, the one place it would look a queue up.
        Assert.All(functions.HttpFunctions, function => Assert.Empty(ActionsOf(function, "sqs:")));
    }

    [Fact]
    public void Nobody_may_touch_a_dead_letter_queue_but_each_publisher_recording_its_failed_stream_batches()
    {
        var publisherOf = new Dictionary<string, string>
        {
            [GetArn(Dev.LogicalId(Dev.Stack.Catalogue.StreamDeadLetterQueue))] = Ref(Dev.LogicalId(Dev.Stack.Functions.ProductPublisher.Role!)),
            [GetArn(Dev.LogicalId(Dev.Stack.Saga.OrderStreamDeadLetterQueue))] = Ref(Dev.LogicalId(Dev.Stack.Functions.OrderingPublisher.Role!)),
        };

        var deadLetterQueues = Dev.Stack.Messaging.DeadLetterQueues.Concat(Dev.Stack.Catalogue.DeadLetterQueues).Concat(Dev.Stack.Saga.DeadLetterQueues)
            .Select(queue => GetArn(Dev.LogicalId(queue))).ToList();
        Assert.Equal(16, deadLetterQueues.Count);
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
                var queue = Assert.Single(publisherOf.Keys, arn => touched.All(r => r.Is(arn)));
                Assert.Contains(properties.GetProperty("Roles").EnumerateArray(), r => r.Is(publisherOf[queue]));
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
