using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace Ecommerce.TestSupport;

/// <summary>
/// services/Shared/Hosting/PrecompiledTypes.rd.xml, the generic types named for the Native AOT compiler, against
/// the options types a service's container makes while it starts: each one missing from the file is built at run
/// time in every cold start of the AOT binary. A test class per service derives from this one.
/// </summary>
public abstract partial class PrecompiledTypesTests<TProgram>(LocalEdge edge)
    where TProgram : class
{
    private static readonly XNamespace Directives = "http://schemas.microsoft.com/netfx/2013/01/metadata";

    [Fact]
    public async Task Every_options_type_the_container_makes_at_start_is_named_for_the_AOT_compiler()
    {
        using var recorder = new ContainerRecorder();
        using var service = new ServiceFactory<TProgram>(edge);
        using var client = service.CreateClient();
        (await client.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        // The service's container only: the edge runs in this process too, with a container of its own.
        var made = recorder.OptionsTypesOf(service.Services);
        Assert.Contains("Microsoft.Extensions.Options.OptionsFactory`1[Microsoft.AspNetCore.Routing.RouteOptions]", made);
        var missing = made.Except(Named()).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "Not named in services/Shared/Hosting/PrecompiledTypes.rd.xml:\n" + string.Join("\n", missing));
    }

    /// <summary>The types the file names, written as <see cref="Type.ToString"/> writes them, as the container's events do.</summary>
    private static HashSet<string> Named() =>
        XDocument.Load(RepositoryRoot.Combine("services", "Shared", "Hosting", "PrecompiledTypes.rd.xml"))
            .Descendants(Directives + "Assembly")
            .SelectMany(assembly => assembly.Elements(Directives + "Type")
                .Select(type => Type.GetType($"{type.Attribute("Name")!.Value}, {assembly.Attribute("Name")!.Value}", throwOnError: true)!))
            .Select(type => type.ToString())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// From the moment it is made, the types of Microsoft.Extensions.Options (factories, managers, monitors, caches)
    /// that the containers in this process build call sites for, from the containers' own event source.
    /// </summary>
    private sealed partial class ContainerRecorder : EventListener
    {
        // Each call site comes as JSON, cut into chunks: kept until the last one arrives.
        private readonly ConcurrentDictionary<(int Provider, string Service), string?[]> _chunks = new();
        private readonly ConcurrentDictionary<(int Provider, string Type), bool> _optionsTypes = new();

        public IReadOnlyCollection<string> OptionsTypesOf(IServiceProvider container) =>
            [.. _optionsTypes.Keys.Where(key => key.Provider == container.GetHashCode()).Select(key => key.Type)];

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData is not { EventName: "CallSiteBuilt", Payload: [string service, string json, int index, int count, int provider] })
            {
                return;
            }

            var chunks = _chunks.GetOrAdd((provider, service), _ => new string?[count]);
            chunks[index] = json;
            if (chunks.All(chunk => chunk is not null))
            {
                foreach (Match match in ImplementationType().Matches(string.Concat(chunks)))
                {
                    _optionsTypes.TryAdd((provider, match.Groups[1].Value), true);
                }
            }
        }

        [GeneratedRegex("\"implementationType\": \"(Microsoft\\.Extensions\\.Options\\.\\w+`1\\[[^\"]+\\])\"")]
        private static partial Regex ImplementationType();
    }
}
