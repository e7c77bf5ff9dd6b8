using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using Microsoft.Extensions.DependencyInjection;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// A dedicated in-memory Azurite and host (SelfHost, or the Functions app under the host
/// stand-in) for one proof suite, so that counting and comparing every stored entity before and
/// after a request is not disturbed by tests running in parallel.
/// </summary>
public class ProofFixture : IAsyncLifetime
{
    private readonly AzuriteProcess _azurite = new();

    public IBlogHost Server { get; private set; } = null!;

    /// <summary>Which host the suite proves; a subclass per host.</summary>
    protected virtual HostKind Kind => HostKind.SelfHost;

    public TableServiceClient Storage { get; private set; } = null!;

    /// <summary>Settings over <see cref="BlogServer.DefaultSettings"/>; suites override to tune screening.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        Storage = new TableServiceClient(_azurite.ConnectionString);
        Server = await BlogHosts.StartAsync(Kind, _azurite.ConnectionString, Settings);
        await OnStartedAsync();
    }

    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>Runs once the server answers, e.g. to collect tokens from differently configured servers.</summary>
    protected virtual Task OnStartedAsync() => Task.CompletedTask;

    /// <summary>
    /// Waits for the server's background projection of comments it already accepted (index and
    /// lookup rows, count), so a diff between two snapshots shows only what came in between. The
    /// SelfHost's projector is flushed in-process; the worker's runs in its own process, so the
    /// wait is for storage to hold no comment still flagged unprojected.
    /// </summary>
    public async Task<StorageSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (Server is BlogServer selfHost)
        {
            await selfHost.Services.GetRequiredService<CommentProjectionService>().FlushAsync(cancellationToken);
        }
        else
        {
            var comments = Storage.GetTableClient(CommentTables.Comments);
            for (var i = 0; i < 150 && await AnyUnprojectedAsync(comments, cancellationToken); i++)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
        return await StorageSnapshot.TakeAsync(Storage, cancellationToken);
    }

    private static async Task<bool> AnyUnprojectedAsync(TableClient comments, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in comments.QueryAsync<TableEntity>("Projected eq false", maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                return true;
            }
            return false;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
        await _azurite.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
