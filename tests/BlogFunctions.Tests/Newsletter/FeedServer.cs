using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// A blog on a loopback port serving one feed fixture at /blog/feed.xml, as a real blog does:
/// ETag and Last-Modified, 304 for a matching If-None-Match (or, without ETags, If-Modified-Since).
/// "{{origin}}" in a fixture becomes this server's origin. Every requested path is recorded.
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    public const string FeedPath = "/blog/feed.xml";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, int Status)> _requests = new();
    private volatile Document? _current;

    private FeedServer(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    private sealed record Document(byte[] Body, string ETag, DateTimeOffset LastModified);

    public Uri Origin { get; }

    public Uri FeedUrl => new(Origin, FeedPath);

    /// <summary>Whether answers carry an ETag; without one only If-Modified-Since can give a 304.</summary>
    public bool SendETags { get; set; } = true;

    public IReadOnlyList<(string Path, int Status)> Requests => [.. _requests];

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FeedServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FeedServer(app, new Uri(address));
        return server;
    }

    /// <summary>Publishes a fixture from Feeds/ as the feed, changed at <paramref name="lastModified"/>.</summary>
    public void Publish(string fixture, DateTimeOffset lastModified)
    {
        var text = File.ReadAllText(FeedParserTests.FixturePath(fixture))
            .Replace("{{origin}}", Origin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(text);
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(body))[..16] + "\"";
        // HTTP dates have whole seconds.
        _current = new Document(body, etag, lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)));
    }

    private async Task HandleAsync(HttpContext context)
    {
        var status = await AnswerAsync(context);
        _requests.Enqueue((context.Request.Path + context.Request.QueryString, status));
    }

    private async Task<int> AnswerAsync(HttpContext context)
    {
        var doc = _current;
        if (context.Request.Path != FeedPath || doc is null)
        {
            context.Response.StatusCode = 404;
            return 404;
        }
        var headers = context.Request.GetTypedHeaders();
        var notModified = SendETags
            ? headers.IfNoneMatch.Any(t => t.Tag.ToString() == doc.ETag)
            : headers.IfModifiedSince is { } since && since >= doc.LastModified;
        if (SendETags)
        {
            context.Response.Headers.ETag = doc.ETag;
        }
        context.Response.GetTypedHeaders().LastModified = doc.LastModified;
        if (notModified)
        {
            context.Response.StatusCode = 304;
            return 304;
        }
        context.Response.ContentType = "application/atom+xml; charset=utf-8";
        await context.Response.Body.WriteAsync(doc.Body);
        return 200;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A clock the test sets; timers and delays stay real.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
