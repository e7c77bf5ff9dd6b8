using BlogFunctions.Core.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace BlogFunctions.SelfHost.Demo;

/// <summary>
/// Runs the demo blog as a second Kestrel app in the same process, on its own origin. It starts
/// once the API is listening, because the pages embed the API's address.
/// </summary>
internal sealed partial class DemoBlogHost(
    IOptions<DemoBlogOptions> options,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IServer apiServer,
    WebAssetCatalog assets,
    ILogger<DemoBlogHost> logger) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;

    /// <summary>The demo blog's root URL once it listens (tests wait on it).</summary>
    public Task<Uri> Started => _started.Task;

    public bool Enabled => options.Value.Enabled ?? environment.IsDevelopment();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            lifetime.ApplicationStarted.Register(() => _ = StartDemoAsync());
        }
        else
        {
            _started.TrySetCanceled(CancellationToken.None);
        }
        return Task.CompletedTask;
    }

    private async Task StartDemoAsync()
    {
        try
        {
            var o = options.Value;
            var api = string.IsNullOrWhiteSpace(o.ApiUrl) ? OwnAddress() : o.ApiUrl.TrimEnd('/');
            var pages = new DemoPages(api, o.Url, assets.Comments.Version, assets.Count.Version, o.PostIdPrefix);
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(o.Url);
            builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.Use((context, next) =>
            {
                context.Response.Headers.ContentSecurityPolicy = pages.ContentSecurityPolicy;
                return next(context);
            });
            _app.MapGet("/demo.css", () => Results.Text(DemoPages.Style, "text/css; charset=utf-8"));
            _app.MapGet("/favicon.svg", () => Results.Text(DemoPages.Favicon, "image/svg+xml"));
            _app.MapGet("/favicon.ico", () => Results.Text(DemoPages.Favicon, "image/svg+xml"));
            _app.MapGet("/", () => Results.Content(pages.Listing(), "text/html; charset=utf-8"));
            // Links from the moderation page carry the prefixed post id; accept both forms.
            _app.MapGet("/posts/{slug}", (string slug) => DemoArticles.Find(Unprefixed(slug, o.PostIdPrefix)) is { } article
                ? Results.Content(pages.Article(article), "text/html; charset=utf-8")
                : Results.NotFound());
            await _app.StartAsync();
            var url = new Uri(_app.Urls.First().TrimEnd('/') + "/");
            LogListening(logger, url, api);
            _started.TrySetResult(url);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            LogFailed(logger, e, options.Value.Url);
            _started.TrySetException(e);
        }
    }

    private static string Unprefixed(string slug, string prefix) =>
        prefix.Length > 0 && slug.StartsWith(prefix, StringComparison.Ordinal) ? slug[prefix.Length..] : slug;

    private string OwnAddress()
    {
        var address = apiServer.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The API has no address yet; set Demo:ApiUrl");
        // Wildcard bindings are not addresses a browser can call.
        return address.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo blog at {Url}, calling the API at {Api}")]
    private static partial void LogListening(ILogger logger, Uri url, string api);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo blog could not listen on {Url}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string url);
}
