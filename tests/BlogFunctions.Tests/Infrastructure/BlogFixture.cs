[assembly: AssemblyFixture(typeof(BlogFunctions.Tests.Infrastructure.BlogFixture))]

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>
/// One Azurite and one default SelfHost for the whole test assembly. Tests isolate themselves by
/// using fresh post ids and X-Forwarded-For addresses; tests that need other settings start
/// their own server over the same Azurite with <see cref="StartServerAsync"/>.
/// </summary>
public sealed class BlogFixture : IAsyncLifetime
{
    private AzuriteProcess? _azurite;

    public string StorageConnectionString { get; private set; } = "";

    public BlogServer Server { get; private set; } = null!;

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
        Server = await StartServerAsync();
    }

    public Task<BlogServer> StartServerAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        BlogServer.StartAsync(StorageConnectionString, settings);

    public async ValueTask DisposeAsync()
    {
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
