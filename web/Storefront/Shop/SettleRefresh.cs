namespace Ecommerce.Storefront.Shop;

/// <summary>
/// Reads an order again until it settles (<see cref="OrderWords.IsSettled"/>), backing off: after 1, 2, 4, 8 and
/// 16 seconds, then every 30 seconds, at most <see cref="MaxRefreshes"/> times. An order confirmed within a few
/// seconds costs one or two requests; one left unconfirmed until Ordering cancels it as expired (15 minutes by
/// default) costs 33, one small GET each. The page stops asking when it is left.
/// </summary>
public sealed class SettleRefresh : IDisposable
{
    public const int MaxRefreshes = 40;

    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    private CancellationTokenSource _stop = new();
    private bool _disposed;

    /// <summary>The wait before the refresh numbered <paramref name="refresh"/>, counted from 0.</summary>
    public static TimeSpan DelayBefore(int refresh) =>
        refresh >= 5 ? Longest : TimeSpan.FromSeconds(1 << refresh);

    /// <summary>
    /// Calls <paramref name="refreshAsync"/> after each delay until it answers true (settled), the cap is reached, or
    /// the refresh is started again or disposed. Starting again stops the refreshing already under way.
    /// </summary>
    public async Task RunAsync(Func<Task<bool>> refreshAsync)
    {
        if (_disposed)
        {
            return;
        }

        await _stop.CancelAsync();
        _stop.Dispose();
        _stop = new CancellationTokenSource();
        var stop = _stop.Token;
        for (var refresh = 0; refresh < MaxRefreshes; refresh++)
        {
            try
            {
                await Task.Delay(DelayBefore(refresh), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (stop.IsCancellationRequested || await refreshAsync())
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _stop.Cancel();
        _stop.Dispose();
    }
}
