using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.CommentImports;

/// <summary>
/// An Azurite and a SelfHost of their own for the import tests: imported post ids come from the
/// files' URLs, the reconcile checks the whole table, and the export reads every comment, so
/// nothing another test writes may be in the way.
/// </summary>
public sealed class ImportRig : IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();

    public BlogServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        Server = await BlogServer.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Imports:MaxUploadMegabytes"] = "1",
            ["Imports:ChunkSize"] = "4",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
