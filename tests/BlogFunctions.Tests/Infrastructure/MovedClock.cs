using BlogFunctions.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// A test server's clock that the test moves, for a server on the fixture's shared storage. Its
/// periodic cleanups are left out: by a clock moved days or years ahead they would delete every
/// other test's live rows (rate-limit windows, used links) in the shared tables.
/// </summary>
internal static class MovedClock
{
    public static void Use(IServiceCollection services, FakeTimeProvider time)
    {
        services.AddSingleton<TimeProvider>(time);
        var cleanups = services.Where(d => d.ServiceType == typeof(IHostedService) && HostedType(d) is { } type
            && type.IsAssignableTo(typeof(PeriodicCleanup))).ToList();
        foreach (var cleanup in cleanups)
        {
            services.Remove(cleanup);
        }
    }

    // AddHostedService(sp => ...) keeps the factory's own return type in the delegate's type.
    private static Type? HostedType(ServiceDescriptor descriptor) =>
        descriptor.ImplementationType ?? descriptor.ImplementationFactory?.GetType().GenericTypeArguments.LastOrDefault();
}
