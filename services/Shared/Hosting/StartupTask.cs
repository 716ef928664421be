using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ecommerce.Shared.Hosting;

/// <summary>Work that must finish before the server takes its first request.</summary>
public sealed class StartupTask(Func<CancellationToken, Task> work) : IHostedService
{
    /// <summary>
    /// Registers one more task. (AddHostedService would keep only the first: it de-duplicates by
    /// implementation type, and every task here is a StartupTask.)
    /// </summary>
    public static void Register(IServiceCollection services, Func<IServiceProvider, CancellationToken, Task> work) =>
        services.AddSingleton<IHostedService>(provider => new StartupTask(cancellationToken => work(provider, cancellationToken)));

    public Task StartAsync(CancellationToken cancellationToken) => work(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
