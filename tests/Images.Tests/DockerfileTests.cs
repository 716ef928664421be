using System.Text.Json;
using System.Text.RegularExpressions;
using Ecommerce.TestSupport;

namespace Ecommerce.Images.Tests;

/// <summary>
/// Docker cannot run here, so the promises the images make are read from the Dockerfiles: built by
/// the script CI runs, Lambda Web Adapter on board, port 8080 with a cheap readiness path, not root.
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Services => ["product", "basket", "ordering", "inventory", "payment"];

    [Theory]
    [MemberData(nameof(Services))]
    public void The_build_stage_publishes_with_the_script_that_CI_smoke_tests(string service)
    {
        var dockerfile = Dockerfile.ForService(service);
        var build = Assert.Single(dockerfile.Stages, stage => stage.ArgumentsOf("RUN").Any(run => run.Contains($"build/publish.sh {service} ", StringComparison.Ordinal)));

        Assert.NotSame(dockerfile.Final, build);
        Assert.StartsWith("--platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0.", build.From, StringComparison.Ordinal);
        Assert.Contains(build.ArgumentsOf("RUN"), run => run.Contains("apt-get install", StringComparison.Ordinal) && run.Contains(" clang ", StringComparison.Ordinal) && run.Contains(" zlib1g-dev", StringComparison.Ordinal));
        Assert.Contains(build.ArgumentsOf("RUN"), run => run.Contains($"artifacts/publish/{service}/linux-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_is_runtime_deps_holding_only_the_native_binary(string service)
    {
        var image = Dockerfile.ForService(service).Final;

        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime-deps:10.0.", image.From, StringComparison.Ordinal);
        Assert.Contains("--from=build /app .", image.ArgumentsOf("COPY"));
        Assert.Equal($"[\"./{char.ToUpperInvariant(service[0])}{service[1..]}\"]", Assert.Single(image.ArgumentsOf("ENTRYPOINT")));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Every_base_image_is_pinned_to_a_full_version_and_the_sdk_is_one_global_json_accepts(string service)
    {
        var dockerfile = Dockerfile.ForService(service);
        var images = dockerfile.Stages.Select(stage => stage.From.Split(' ').First(part => !part.StartsWith("--", StringComparison.Ordinal)))
            .Concat(dockerfile.Stages.SelectMany(stage => stage.ArgumentsOf("COPY"))
                .SelectMany(copy => copy.Split(' '))
                .Where(part => part.StartsWith("--from=", StringComparison.Ordinal) && part.Contains('/', StringComparison.Ordinal))
                .Select(part => part["--from=".Length..]))
            .ToList();

        Assert.Equal(3, images.Count);
        Assert.All(images, image => Assert.Matches(PinnedImage(), image));

        var sdk = PinnedImage().Match(images.Single(image => image.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal)));
        var wanted = GlobalJsonSdk();
        var version = Version.Parse(sdk.Groups["version"].Value);
        Assert.Equal((wanted.Major, wanted.Minor), (version.Major, version.Minor));
        // rollForward latestFeature: any feature band and patch at or above global.json's.
        Assert.True(version >= wanted, $"The SDK image {version} is older than global.json's {wanted}.");
    }

    [Fact]
    public void The_local_issuers_image_is_pinned_too_and_runs_LocalCloud_unprivileged_on_every_interface()
    {
        var dockerfile = Dockerfile.Parse("Dockerfile.localcloud");
        var images = dockerfile.Stages.Select(stage => stage.From.Split(' ').First(part => !part.StartsWith("--", StringComparison.Ordinal))).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0.401", "mcr.microsoft.com/dotnet/aspnet:10.0.12"], images);
        Assert.All(images, image => Assert.Matches(PinnedImage(), image));
        Assert.Contains(dockerfile.Stages[0].ArgumentsOf("RUN"), run => run.Contains("dotnet publish local/LocalCloud/LocalCloud.csproj", StringComparison.Ordinal));
        Assert.Contains(dockerfile.Final.ArgumentsOf("ENV"), env => env.Contains("LocalCloud__ListenAddress=0.0.0.0", StringComparison.Ordinal));
        Assert.Equal("$APP_UID", Assert.Single(dockerfile.Final.ArgumentsOf("USER")));
    }

    [Fact]
    public void The_shops_image_is_pinned_and_runs_the_gateway_with_the_published_storefront_and_the_seeder_as_a_target_of_its_own()
    {
        var dockerfile = Dockerfile.Parse("Dockerfile.gateway");
        var images = dockerfile.Stages.Select(stage => stage.From.Split(' ').First(part => !part.StartsWith("--", StringComparison.Ordinal))).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0.401", "mcr.microsoft.com/dotnet/runtime:10.0.12", "mcr.microsoft.com/dotnet/aspnet:10.0.12"], images);
        var publish = string.Join(' ', dockerfile.Stages[0].ArgumentsOf("RUN"));
        Assert.Contains("dotnet publish local/Gateway/Gateway.csproj -c Release", publish, StringComparison.Ordinal);
        Assert.Contains("dotnet publish local/Seeder/Seeder.csproj -c Release", publish, StringComparison.Ordinal);
        Assert.EndsWith("AS gateway", dockerfile.Final.From, StringComparison.Ordinal);
        Assert.Equal("[\"dotnet\", \"Gateway.dll\"]", Assert.Single(dockerfile.Final.ArgumentsOf("ENTRYPOINT")));
        var seeder = Assert.Single(dockerfile.Stages, stage => stage.From.EndsWith("AS seeder", StringComparison.Ordinal));
        Assert.Equal("[\"dotnet\", \"Ecommerce.Seeder.dll\"]", Assert.Single(seeder.ArgumentsOf("ENTRYPOINT")));
        Assert.All([seeder, dockerfile.Final], stage => Assert.Equal("$APP_UID", Assert.Single(stage.ArgumentsOf("USER"))));
        // Its own context filter lets in every folder the two publishes build from.
        var context = File.ReadAllLines(RepositoryRoot.Combine("Dockerfile.gateway.dockerignore"));
        Assert.All(["!local/Gateway/", "!local/Seeder/", "!web/", "!services/"], folder => Assert.Contains(folder, context));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_carries_Lambda_Web_Adapter_1_0_0_as_an_extension(string service)
    {
        var image = Dockerfile.ForService(service).Final;

        Assert.Contains(
            "--from=public.ecr.aws/awsguru/aws-lambda-adapter:1.0.0 /lambda-adapter /opt/extensions/lambda-adapter",
            image.ArgumentsOf("COPY"));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_image_runs_as_a_user_other_than_root(string service)
    {
        var image = Dockerfile.ForService(service).Final;

        var user = image.ArgumentsOf("USER").LastOrDefault();
        Assert.False(user is null, "The image sets no USER, so it runs as root.");
        Assert.False(user.Split(':')[0] is "root" or "0", $"The image runs as {user}.");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void The_app_listens_on_8080_and_LWA_waits_for_a_2xx_or_3xx_from_health(string service)
    {
        var image = Dockerfile.ForService(service).Final;
        var environment = image.Environment();

        Assert.Equal("8080", environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("8080", environment.GetValueOrDefault("AWS_LWA_PORT", "8080"));
        Assert.Contains("8080", image.ArgumentsOf("EXPOSE"));
        Assert.Equal("/health", environment["AWS_LWA_READINESS_CHECK_PATH"]);
        Assert.Equal("200-399", environment["AWS_LWA_READINESS_CHECK_HEALTHY_STATUS"]);
        Assert.False(environment.ContainsKey("AWS_LWA_READINESS_CHECK_PROTOCOL"), "The readiness check must be HTTP, on /health.");
    }

    [Fact]
    public void The_ordering_image_defaults_to_the_HTTP_function_and_leaves_the_consumer_settings_to_its_function()
    {
        var environment = Dockerfile.ForService("ordering").Final.Environment();

        Assert.Equal("Off", environment["Ordering__Consumer__Mode"]);
        // On the HTTP function a 5xx must reach the client as problem details, not fail the invocation.
        Assert.False(environment.ContainsKey("AWS_LWA_ERROR_STATUS_CODES"));
        Assert.Equal("/events", environment.GetValueOrDefault("AWS_LWA_PASS_THROUGH_PATH", "/events"));
    }

    [Theory]
    [InlineData("inventory", new[] { "Inventory__Products__Mode", "Inventory__Orders__Mode" })]
    [InlineData("payment", new[] { "Payment__Orders__Mode" })]
    public void The_inventory_and_payment_images_default_to_the_HTTP_function_with_every_consumer_off(string service, string[] modes)
    {
        var environment = Dockerfile.ForService(service).Final.Environment();

        // Each consumer function turns its own mode on; locally a container sets Poll.
        Assert.All(modes, mode => Assert.Equal("Off", environment[mode]));
        Assert.False(environment.ContainsKey("AWS_LWA_ERROR_STATUS_CODES"));
        Assert.Equal("/events", environment.GetValueOrDefault("AWS_LWA_PASS_THROUGH_PATH", "/events"));
    }

    [Fact]
    public void The_build_context_leaves_out_outputs_dependencies_and_history_but_keeps_what_the_publish_needs()
    {
        var rules = File.ReadAllLines(RepositoryRoot.Combine(".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        var excluded = rules.Where(rule => !rule.StartsWith('!')).Select(rule => rule.TrimEnd('/')).ToList();
        var included = rules.Where(rule => rule.StartsWith('!')).Select(rule => rule[1..].TrimEnd('/')).ToList();

        foreach (var folder in new[] { "bin", "obj", "node_modules", "cdk.out", "artifacts" })
        {
            Assert.Contains($"**/{folder}", excluded);
        }

        Assert.Contains(excluded, rule => rule is ".git" or "**/.git" or "*");
        if (excluded.Contains("*"))
        {
            // An allowlist: everything build/publish.sh reads must be let back in.
            foreach (var needed in new[] { "build", "services", "Directory.Build.props", "Directory.Packages.props", "global.json" })
            {
                Assert.Contains(needed, included);
            }

            Assert.DoesNotContain(included, rule => rule is ".git" or "artifacts" or "tests" or "deploy");
        }
    }

    private static Version GlobalJsonSdk()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("global.json")));
        var sdk = globalJson.RootElement.GetProperty("sdk");
        Assert.Equal("latestFeature", sdk.GetProperty("rollForward").GetString());
        return Version.Parse(sdk.GetProperty("version").GetString()!);
    }

    // A full x.y.z version, optionally with an OS suffix (-noble) and a digest; never a floating "10.0" or "latest".
    [GeneratedRegex(@"^[a-z0-9./-]+:(?<version>\d+\.\d+\.\d+)(-[a-z0-9.]+)?(@sha256:[0-9a-f]{64})?$")]
    private static partial Regex PinnedImage();
}
