using System.Net;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Comments;

/// <summary>Rate-limit rows are keyed by window end, so expired windows are found by key range and deleted.</summary>
public sealed class RateLimitCleanupTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cleanup_deletes_rows_of_ended_windows_and_keeps_the_current_one()
    {
        var table = stack.Server.Services.GetRequiredService<BlogTables>()[CommentTables.RateLimits];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var key = "ip|test-" + Guid.NewGuid().ToString("N");
        var expired = Enumerable.Range(0, 130).Select(i => new TableEntity(RateLimitKeys.Partition(now - 600, key + i), key + i) { ["Hits"] = 1 })
            .Append(new TableEntity(RateLimitKeys.Partition(now - 86_400, key), key) { ["Hits"] = 3 })
            .ToList();
        var live = new TableEntity(RateLimitKeys.Partition(now + 600, key), key) { ["Hits"] = 2 };
        foreach (var row in expired.Append(live))
        {
            await table.UpsertEntityAsync(row, cancellationToken: Ct);
        }

        // Other servers' start-up cleanups may take some of these rows first: only what is left counts.
        await stack.Server.Services.GetRequiredService<RateLimitCleanup>().RunOnceAsync(Ct);

        foreach (var row in expired)
        {
            Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: Ct)).HasValue);
        }
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(live.PartitionKey, live.RowKey, cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task Limit_still_counts_within_the_window_after_a_cleanup()
    {
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["Comments:RateLimit:Count"] = "1",
            ["Comments:RateLimit:WindowSeconds"] = "3600",
        });
        var api = new CommentApi(server);
        var post = TestIds.Post();
        await api.PostOkAsync(post, new { author = "R", body = "first" }, HttpStatusCode.Accepted);
        await server.Services.GetRequiredService<RateLimitCleanup>().RunOnceAsync(Ct);
        await CommentApi.ProblemAsync(await api.PostAsync(post, new { author = "R", body = "second" }),
            HttpStatusCode.TooManyRequests, "rate_limited");
    }
}
