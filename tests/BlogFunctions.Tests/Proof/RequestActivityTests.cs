using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// The SelfHost's appsettings.json turns the "Microsoft.AspNetCore.Hosting.Diagnostics" log category
/// off: while it is on at any level (and the host logs warnings), ASP.NET Core starts an Activity
/// and a logging scope for every request: 4 % of the server's CPU samples under cached GETs
/// (bench/README.md, GET profile). A listener of the hosting ActivitySource would still get them.
/// </summary>
public sealed class RequestActivityTests
{
    [Fact]
    public async Task A_request_starts_no_activity_while_nothing_listens()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var azurite = new AzuriteProcess();
        await azurite.StartAsync();
        var seen = new ActivitySeen();
        // BlogServer logs warnings to the console, as the SelfHost does in production.
        await using var server = await BlogServer.StartAsync(azurite.ConnectionString,
            configure: builder => builder.Services.AddSingleton<IStartupFilter>(seen));
        using var response = await server.Client.GetAsync(new Uri("api/health", UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        Assert.True(seen.Requests > 0);
        Assert.Null(seen.Activity);
        // The cause, apart from any listener a test running beside this one might add.
        Assert.False(server.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));
    }

    /// <summary>First in the pipeline, inside the hosting layer: what Activity.Current is while a request runs.</summary>
    private sealed class ActivitySeen : IStartupFilter
    {
        public int Requests { get; private set; }

        public string? Activity { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate nextMiddleware) =>
            {
                Requests++;
                Activity ??= System.Diagnostics.Activity.Current?.OperationName;
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
