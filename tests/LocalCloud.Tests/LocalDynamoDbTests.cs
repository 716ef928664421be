using System.Globalization;
using Ecommerce.TestSupport;

namespace Ecommerce.LocalCloud.Tests;

/// <summary>
/// The test process's DynamoDB Local runs under <see cref="LocalDynamoDb.WhileThisProcessLives"/>, so it stops when
/// the test process ends even when that process is killed. Here a <c>sleep</c> with a number of its own stands in
/// for the JVM, and closing its input stands in for the end of the test process (the kernel closes that pipe then).
/// </summary>
public sealed class LocalDynamoDbTests
{
    [Fact]
    public async Task A_command_held_while_this_process_lives_stops_when_this_processs_end_of_its_input_closes()
    {
        var seconds = (600 + Random.Shared.NextDouble()).ToString("0.000000", CultureInfo.InvariantCulture);
        await using var held = ChildProcess.Start(
            "sh", ["-c", LocalDynamoDb.WhileThisProcessLives, "sh", "sleep", seconds], Path.GetTempPath(), standardInputFromHere: true);

        await Eventually.HoldsAsync(() => Task.FromResult(Running("sleep", seconds)), running => running, TimeSpan.FromSeconds(10), "the command runs");
        held.CloseStandardInput();

        await Eventually.HoldsAsync(() => Task.FromResult(Running("sleep", seconds)), running => !running, TimeSpan.FromSeconds(10), "the command has stopped");
    }

    [Fact]
    public async Task Without_the_command_on_PATH_the_holder_says_what_to_install()
    {
        await using var held = ChildProcess.Start(
            "sh", ["-c", LocalDynamoDb.WhileThisProcessLives, "sh", "no-such-java-" + Guid.NewGuid().ToString("N")], Path.GetTempPath(), standardInputFromHere: true);

        const string Advice = "DynamoDB Local needs Java 17 or later on PATH: run build/prerequisites.sh java";
        await Eventually.HoldsAsync(
            () => Task.FromResult(held.HasExited && held.Output.Contains(Advice, StringComparison.Ordinal)), said => said, TimeSpan.FromSeconds(10), "the holder has exited and said why");

        var error = Assert.Throws<InvalidOperationException>(() => held.ThrowIfExited("listening"));
        Assert.Contains("exited with 127", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether a process runs with exactly this command line.</summary>
    private static bool Running(string program, string argument) =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => Path.Combine(folder, "cmdline"))
            .Any(path => ReadOrEmpty(path) == $"{program}\0{argument}\0");

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return ""; // the process ended while we looked
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
