using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Ecommerce.Deploy.Tests;

/// <summary>
/// Every line a service class can log through its <c>[LoggerMessage]</c> methods, written by the JSON console
/// formatter the services use (<c>AddJsonConsole</c>): what CloudWatch Logs receives from the function.
/// </summary>
public static class ServiceLogLines
{
    public static IReadOnlyList<(string Template, JsonElement Line)> Of(Type service)
    {
        using var provider = new ServiceCollection().AddLogging(logging => logging.AddJsonConsole()).BuildServiceProvider();
        var formatter = provider.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);

        var lines = new List<(string, JsonElement)>();
        var methods = service.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null);
        foreach (var (method, attribute) in methods)
        {
            foreach (var arguments in SampleArguments(method))
            {
                using var output = new StringWriter();
                method.Invoke(null, [new JsonLineLogger(formatter, service.FullName!, output), .. arguments]);
                using var line = JsonDocument.Parse(output.ToString());
                lines.Add((attribute!.Message, line.RootElement.Clone()));
            }
        }

        return lines;
    }

    // One call per value of an enum parameter (an outcome, say); a sample text for every other parameter.
    private static IEnumerable<object?[]> SampleArguments(MethodInfo method)
    {
        var parameters = method.GetParameters().Skip(1).ToList();
        var choices = parameters.Select(p => p.ParameterType.IsEnum
            ? Enum.GetValues(p.ParameterType).Cast<object?>()
            : [p.ParameterType == typeof(string) ? "sample-" + p.Name : Activator.CreateInstance(p.ParameterType)]);
        return choices.Aggregate(
            (IEnumerable<object?[]>)[[]],
            (combinations, values) => combinations.SelectMany(combination => values.Select(value => (object?[])[.. combination, value])));
    }

    private sealed class JsonLineLogger(ConsoleFormatter formatter, string category, TextWriter output) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => NullLogger.Instance.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> format) =>
            formatter.Write(new Microsoft.Extensions.Logging.Abstractions.LogEntry<TState>(logLevel, category, eventId, state, exception, format), null, output);
    }
}
