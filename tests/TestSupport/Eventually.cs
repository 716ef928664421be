namespace Ecommerce.TestSupport;

/// <summary>Waiting for what happens in the background, with a deadline instead of a sleep.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="condition"/> holds for its value, and returns that value.</summary>
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await probe();
        while (!condition(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Within {timeout}: {what}. Last seen: {value}");
            }

            await Task.Delay(Interval);
            value = await probe();
        }

        return value;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class =>
        (await HoldsAsync(probe, value => value is not null, timeout, what))!;
}
