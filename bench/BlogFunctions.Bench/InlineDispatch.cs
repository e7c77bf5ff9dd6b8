using System.Diagnostics;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Feed;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Bench;

/// <summary>
/// The dispatch as the old timer ran it, for comparison in the same run: Core's services built in
/// the bench process with the dispatch SelfHost's settings, a new pending post stored with
/// <see cref="PostStore.AddIfNewAsync"/> (which queues nothing), then one
/// <see cref="NewsletterJob.RunOnceAsync"/> that plans it and sends every chunk
/// (Newsletter:SendConcurrency in flight, recipients handed over in memory). The SelfHost's
/// pollers never see such a post: they act only on queue messages, none names it, and its timers
/// (whose sync would queue every open post) are off.
/// </summary>
internal sealed class InlineDispatch : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public InlineDispatch(string storage, IReadOnlyDictionary<string, string> selfHostSettings)
    {
        // What SelfHostProcess gives every SelfHost, then the dispatch row's own settings.
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storage,
            ["Security:SigningKey"] = SelfHostProcess.SigningKey,
            ["Moderation:Keys:0"] = SelfHostProcess.ModeratorKey,
        };
        foreach (var (key, value) in selfHostSettings)
        {
            settings[key] = value;
        }
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // No host is started: the tables exist (the SelfHost created them) and no hosted service
        // (in-process projection, pollers) should run here.
        _services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(config)
            .AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
            {
                EnvironmentName = Environments.Production,
                ApplicationName = "BlogFunctions.Bench",
                ContentRootPath = AppContext.BaseDirectory,
            })
            .AddBlogCore()
            .BuildServiceProvider();
    }

    public async Task<DispatchRun> RunAsync(SendGridSink sink, ProcessCpu meter)
    {
        var posts = _services.GetRequiredService<PostStore>();
        var job = _services.GetRequiredService<NewsletterJob>();
        var options = _services.GetRequiredService<IOptions<NewsletterDispatchOptions>>().Value;
        var now = DateTimeOffset.UtcNow;
        var id = "bench-inline-" + Guid.NewGuid().ToString("N")[..8];
        // As PostRegistrationHandler stores a POST /api/posts, without the queue message.
        var post = FeedSync.NewPost(new FeedItem(id, DispatchRun.Title, $"https://blog.example/{id}", DispatchRun.Summary, now), "api",
            now, options.MaxAgeDays, firstSync: false);
        if (post.State != PostState.Pending || !await posts.AddIfNewAsync(post, CancellationToken.None))
        {
            throw new InvalidOperationException($"Post {id} was not stored as pending.");
        }

        var startedAt = DateTimeOffset.UtcNow;
        var cpuBefore = meter.Now();
        var started = Stopwatch.GetTimestamp();
        var run = await job.RunOnceAsync(CancellationToken.None);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpu = ProcessCpu.Since(cpuBefore, meter.Now());

        // The run takes every open post: anything but this one would be another path's work, measured here.
        if (run.Posts is not [{ } only] || only.PostKey != post.RowKey)
        {
            throw new InvalidOperationException($"The inline run dispatched {string.Join(", ", run.Posts.Select(p => p.PostKey))}, expected only {post.RowKey}.");
        }
        var stored = await posts.GetAsync(post.RowKey, CancellationToken.None)
            ?? throw new InvalidOperationException($"Post {post.RowKey} vanished.");
        return DispatchRun.From(stored, startedAt, wall, cpu, sink);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
