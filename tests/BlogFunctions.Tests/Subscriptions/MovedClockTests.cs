using BlogFunctions.Core.Storage;
using BlogFunctions.SelfHost;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BlogFunctions.Tests.Subscriptions;

/// <summary>A server whose clock a test moves, on shared storage, runs none of the periodic cleanups.</summary>
public sealed class MovedClockTests
{
    [Theory]
    [InlineData(false, 2)] // the rate-limit and used-link cleanups
    [InlineData(true, 0)]
    public void The_periodic_cleanups_are_left_out(bool movedClock, int cleanups)
    {
        using var app = SelfHostApp.Build(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(BlogServer.DefaultSettings("UseDevelopmentStorage=true"));
            if (movedClock)
            {
                MovedClock.Use(builder.Services, new FakeTimeProvider());
            }
        });
        Assert.Equal(cleanups, app.Services.GetServices<IHostedService>().Count(s => s is PeriodicCleanup));
    }
}
