// The whole system on one machine, no Docker: dynalite and the services as plain processes,
// with the Aspire dashboard for their logs, traces and metrics.
var builder = DistributedApplication.CreateBuilder(args);

var dynalite = builder.AddExecutable("dynalite", "node", "../dynalite", "node_modules/dynalite/cli.js", "--port", "4567")
    .WithHttpEndpoint(port: 4567, isProxied: false);
var aws = dynalite.GetEndpoint("http");

builder.AddProject<Projects.Product>("product")
    .WithEnvironment("AWS_ENDPOINT_URL", aws)
    .WithEnvironment("Aws__CreateResources", "true")
    .WaitFor(dynalite)
    .WithHttpHealthCheck("/health/ready");

builder.Build().Run();
