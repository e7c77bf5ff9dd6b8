using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using Microsoft.Extensions.DependencyInjection;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// A dedicated in-memory Azurite and SelfHost for one proof suite, so that counting and comparing
/// every stored entity before and after a request is not disturbed by tests running in parallel.
/// </summary>
public class ProofFixture : IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();

    public BlogServer Server { get; private set; } = null!;

    public TableServiceClient Storage { get; private set; } = null!;

    /// <summary>Settings over <see cref="BlogServer.DefaultSettings"/>; suites override to tune screening.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        Storage = new TableServiceClient(_azurite.ConnectionString);
        Server = await BlogServer.StartAsync(_azurite.ConnectionString, Settings);
        await OnStartedAsync();
    }

    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>Runs once the server answers, e.g. to collect tokens from differently configured servers.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>
    /// Waits for the server's background projection of comments it already accepted (index and
    /// lookup rows, count), so a diff between two snapshots shows only what came in between.
    /// </summary>
    public async Task<StorageSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await Server.Services.GetRequiredService<CommentProjectionService>().FlushAsync(cancellationToken);
        return await StorageSnapshot.TakeAsync(Storage, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
