using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Ecommerce.TestSupport;

/// <summary>A process the tests start, wait for, and stop; its output is kept for failure messages.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="standardInputFromHere">
    /// Gives the process a standard input that only this process writes to: it reads end-of-file once this process
    /// has ended, however it ended.
    /// </param>
    public static ChildProcess Start(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null, bool standardInputFromHere = false)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = standardInputFromHere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"{fileName} did not start"));
    }

    /// <summary>Runs a command to completion and throws, with its output, when it fails.</summary>
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        await using var child = Start(fileName, arguments, workingDirectory);
        using var cts = new CancellationTokenSource(timeout);
        await child._process.WaitForExitAsync(cts.Token);
        if (child._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {child._process.ExitCode}:\n{child.Output}");
        }
    }

    /// <summary>Waits for the process to end by itself, and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until something accepts connections on the port, or fails with the process's output.</summary>
    public Task WaitForPortAsync(int port, TimeSpan timeout) =>
        Eventually.HoldsAsync(() => IsListeningAsync(port), listening => listening, timeout, $"something listens on port {port}");

    private async Task<bool> IsListeningAsync(int port)
    {
        ThrowIfExited("listening");
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Closes the standard input given by <c>standardInputFromHere</c>, as this process's end does when it ends.</summary>
    public void CloseStandardInput() => _process.StandardInput.Close();

    /// <summary>Fails, with the process's output, when it has exited before doing <paramref name="what"/>.</summary>
    public void ThrowIfExited(string what)
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The process exited with {_process.ExitCode} before {what}:\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
