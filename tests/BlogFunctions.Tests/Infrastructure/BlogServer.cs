using System.Net.Http.Headers;
using BlogFunctions.SelfHost;
using BlogFunctions.Tests.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// The real SelfHost, in-process on Kestrel at a free loopback port, over a real Azurite.
/// Tests talk to it over HTTP only, like a browser or curl would.
/// </summary>
public sealed class BlogServer : IBlogHost
{
    public const string ModeratorKey = "test-moderator-key-0123456789-abcdef";
    public const string SigningKey = "test-signing-key-0123456789-0123456789-abcdef";
    public const string AllowedOrigin = "http://blog.example";

    private readonly WebApplication _app;

    private BlogServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = ContractCheckingHandler.Client(baseAddress);
        Moderator = ContractCheckingHandler.Client(baseAddress);
        Moderator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ModeratorKey);
    }

    public HostKind Kind => HostKind.SelfHost;

    /// <summary>Root of the host, e.g. http://127.0.0.1:5123/ (API routes are under api/).</summary>
    public Uri BaseAddress { get; }

    /// <summary>An anonymous client, as a blog page would be.</summary>
    public HttpClient Client { get; }

    /// <summary>A client sending the moderator key.</summary>
    public HttpClient Moderator { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Settings every test server gets; <paramref name="settings"/> override them.</summary>
    public static Dictionary<string, string?> DefaultSettings(string storageConnectionString) => new()
    {
        ["AzureWebJobsStorage"] = storageConnectionString,
        ["Security:SigningKey"] = SigningKey,
        ["Security:TrustForwardedFor"] = "true",
        ["Moderation:Keys:0"] = ModeratorKey,
        ["Cors:AllowedOrigins:0"] = AllowedOrigin,
        ["Comments:MinSecondsToSubmit"] = "0",
        ["Comments:RateLimit:Count"] = "0",
        ["PublicBaseUrl"] = "http://localhost",
        // The "Testing" environment is not Development: without a SendGrid key the outbox must be chosen.
        ["Email:Outbox"] = "true",
        // Tests run scheduled work through the API (POST /api/moderation/newsletter/run), never on a clock.
        ["SelfHost:Timers"] = "false",
        // Queue work runs as in production, only polled more eagerly and retried sooner.
        ["Queues:MaxPollingIntervalMilliseconds"] = "200",
        ["Queues:VisibilityTimeoutSeconds"] = "1",
    };

    /// <param name="waitForTables">
    /// Return only once the start-up has created the tables (it does so beside Kestrel's start), so a
    /// test may write to them directly; false for the test of what a request meanwhile gets.
    /// </param>
    public static async Task<BlogServer> StartAsync(string storageConnectionString,
        IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null,
        bool waitForTables = true)
    {
        var merged = DefaultSettings(storageConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var app = SelfHostApp.Build(["--environment", "Testing", "--urls", "http://127.0.0.1:0"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(merged);
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        if (waitForTables)
        {
            await app.Services.GetRequiredService<Core.Storage.TableInitializer>().FirstAttempt;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BlogServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Moderator.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
