using Azure.Data.Tables;
using BlogFunctions.Core.Notifications;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Notifications;

/// <summary>
/// Fan-outs for one reader run at once when approvals come back to back: the Functions host hands
/// a batch of queue messages to parallel invocations, and instances scale out. Whoever finds no
/// open batch starts one; all of them together must still start one, and the others join it.
/// </summary>
public sealed class BatchJoinRaceTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notifications_added_at_once_to_a_reader_with_no_open_batch_share_one_batch()
    {
        var tables = stack.Server.Services.GetRequiredService<BlogTables>();
        var store = new NotifyStore(tables);
        var emailHash = "race" + Guid.NewGuid().ToString("N");
        var now = DateTimeOffset.UtcNow;
        await tables[NotifyKeys.TableName].AddEntityAsync(new TableEntity(emailHash, NotifyKeys.Address) { ["Email"] = "r@example.com", ["VerifiedAt"] = now }, Ct);
        var post = TestIds.Post("race");

        for (var round = 0; round < 3; round++)
        {
            // Each fan-out reads its own clock: their new batches' keys differ by a tick or more.
            var added = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
                store.AddItemAsync(emailHash, new NotifyItem(NotifyKind.Reply, post, $"c{round}-{i}", "parent"), now.AddMinutes(round * 10).AddMilliseconds(i), TimeSpan.FromMinutes(5), Ct))));

            Assert.Single(added, a => a.Outcome == AddItemOutcome.NewBatch);
            Assert.Single(added.Select(a => a.BatchId).Distinct());
        }
        var batches = await store.RecentBatchesAsync(emailHash, 10, Ct);
        Assert.Equal(3, batches.Count);
        Assert.All(batches, b => Assert.Equal(6, b.Count));
    }
}
