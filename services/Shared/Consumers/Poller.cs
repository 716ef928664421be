using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ecommerce.Shared.Consumers;

/// <summary>
/// The loop of a poll-mode consumer: <see cref="PollOnceAsync"/> again and again, on <paramref name="loops"/>
/// loops at once; a failure backs off (200 ms doubling to 20 s) and recovers; stopping ends the loops.
/// </summary>
/// <param name="source">What is polled, for the log: "the queue OrderQueue".</param>
public abstract partial class Poller(string source, int loops, TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    protected TimeProvider Clock => clock;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, loops)).Select(_ => LoopAsync(stoppingToken)));

    /// <summary>One round: read what there is, hand it to the consumer, settle what it finished.</summary>
    protected abstract Task PollOnceAsync(CancellationToken stoppingToken);

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                backoff = FirstBackoff;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogBackoff(logger, source, e.GetType().Name, (e as Amazon.Runtime.AmazonServiceException)?.ErrorCode, backoff.TotalMilliseconds);
                try
                {
                    await Task.Delay(backoff, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Polling {Source} failed with {ExceptionType} {ErrorCode}; retrying in {BackoffMs} ms")]
    private static partial void LogBackoff(ILogger logger, string source, string exceptionType, string? errorCode, double backoffMs);
}
