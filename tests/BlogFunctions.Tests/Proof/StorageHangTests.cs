using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Tests.Infrastructure;
using BlogFunctions.Tests.OpenApi;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Storage that hangs (accepts, never answers) must cost a request a bounded wait before its 503,
/// not the SDK's network timeout times its retries; a table deleted while the app runs is created
/// again instead of answering 503 until a restart. Each test has its own Azurite to freeze or prune.
/// </summary>
public abstract class StorageHangTests(HostKind kind) : IAsyncLifetime
{
    /// <summary>Well above the app's per-call deadline (4 s) and far below the ~30 s a hung call used to take.</summary>
    private static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(15);

    private readonly AzuriteProcess _azurite = new();
    private IBlogHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _host = await BlogHosts.StartAsync(kind, _azurite.ConnectionString,
            new Dictionary<string, string?> { ["Comments:Mode"] = "None", ["Comments:ReadCacheSeconds"] = "0" });
    }

    [Fact]
    public async Task A_hung_storage_gives_503_with_retry_after_within_the_clients_patience_and_recovers()
    {
        using var client = ContractCheckingHandler.Client(_host.BaseAddress, timeout: ClientPatience);
        var postId = TestIds.Post("hang");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/posts/{postId}/comments", Ct)).StatusCode);

        _azurite.Pause();
        try
        {
            var clock = Stopwatch.StartNew();
            using var read = await client.GetAsync($"api/posts/{postId}/comments", Ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.NotNull(read.Headers.RetryAfter);
            Assert.True(clock.Elapsed < ClientPatience, $"took {clock.Elapsed}");
        }
        finally
        {
            _azurite.Resume();
        }
        using var after = await client.GetAsync($"api/posts/{postId}/comments", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_table_deleted_while_the_app_runs_is_created_again()
    {
        var postId = TestIds.Post("gone");
        await new TableServiceClient(_azurite.ConnectionString).DeleteTableAsync(CommentTables.Comments, Ct);

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 5 && statuses.LastOrDefault() != HttpStatusCode.Created; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            }
            using var page = await _host.Client.GetAsync($"api/posts/{postId}/comments", Ct);
            if (page.StatusCode != HttpStatusCode.OK)
            {
                statuses.Add(page.StatusCode);
                continue;
            }
            var token = System.Text.Json.JsonDocument.Parse(await page.Content.ReadAsStringAsync(Ct))
                .RootElement.GetProperty("formToken").GetString()!;
            using var response = await ContractClient.PostCommentAsync(_host.Client, postId,
                ContractClient.CommentBody(token, body: $"Posted on attempt {attempt}."), TestIds.Ip(), Ct);
            statuses.Add(response.StatusCode);
        }
        Assert.True(statuses[^1] == HttpStatusCode.Created, "answers: " + string.Join(", ", statuses));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}

public sealed class StorageHangTestsOnSelfHost() : StorageHangTests(HostKind.SelfHost);

public sealed class StorageHangTestsOnFunctions() : StorageHangTests(HostKind.Functions);
