using BlogFunctions.Tests.FunctionsHost;

[assembly: AssemblyFixture(typeof(BlogFunctions.Tests.Infrastructure.BlogFixture))]

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// One Azurite, one default SelfHost and one default Functions app (under the host stand-in) for
/// the whole test assembly. Tests isolate themselves by using fresh post ids and X-Forwarded-For
/// addresses; tests that need other settings start their own host over the same Azurite with
/// <see cref="StartHostAsync"/>.
/// </summary>
public sealed class BlogFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string StorageConnectionString { get; private set; } = "";

    public BlogServer Server { get; private set; } = null!;

    /// <summary>The Functions app with the default settings, driven like the Functions host drives it.</summary>
    public FunctionsServer Functions { get; private set; } = null!;

    /// <summary>The default host of that kind.</summary>
    public IBlogHost Host(HostKind kind) => kind == HostKind.SelfHost ? Server : Functions;

    public async ValueTask InitializeAsync()
    {
        // BLOG_TEST_STORAGE points the tests at an Azurite (or account) that is already running.
        var given = Environment.GetEnvironmentVariable("BLOG_TEST_STORAGE");
        if (string.IsNullOrEmpty(given))
        {
            _azurite = new AzuriteProcess();
            await _azurite.StartAsync();
            StorageConnectionString = _azurite.ConnectionString;
        }
        else
        {
            StorageConnectionString = given;
        }
        var functions = FunctionsServer.StartAsync(StorageConnectionString);
        Server = await StartServerAsync();
        Functions = await functions;
    }

    public Task<BlogServer> StartServerAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        BlogServer.StartAsync(StorageConnectionString, settings);

    /// <summary>A host of that kind with other settings, over the same Azurite.</summary>
    public Task<IBlogHost> StartHostAsync(HostKind kind, IReadOnlyDictionary<string, string?>? settings = null) =>
        BlogHosts.StartAsync(kind, StorageConnectionString, settings);

    public async ValueTask DisposeAsync()
    {
        if (Functions is not null)
        {
            await Functions.DisposeAsync();
        }
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
