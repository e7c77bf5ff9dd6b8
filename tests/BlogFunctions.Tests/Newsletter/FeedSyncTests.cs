using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.DependencyInjection;
using static BlogFunctions.Tests.Newsletter.NewsletterTestHelpers;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// The timer's feed side end to end: a blog serving fixtures sync-1..3 over HTTP, the SelfHost's
/// NewsletterJob, Azurite, the SendGrid sink. The clock is fixed so the fixtures' dates stay
/// "recent" or "too old" whatever day the suite runs.
/// </summary>
[Collection(NewsletterGroup.Name)]
public sealed class FeedSyncTests(NewsletterRig stack) : IAsyncLifetime
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public async ValueTask InitializeAsync() => await stack.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task First_sync_records_only_then_each_new_recent_post_goes_out_once_and_edits_never_again(bool etags)
    {
        await using var blog = await FeedServer.StartAsync();
        blog.SendETags = etags;
        var clock = new SettableClock(Noon);
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["Newsletter:FeedUrl"] = blog.FeedUrl.ToString(),
            ["Newsletter:MaxAgeDays"] = "3",
        }, time: clock);
        var emails = await stack.SeedSubscribersAsync(server, 30);
        var job = server.Services.GetRequiredService<NewsletterJob>();
        var ct = TestContext.Current.CancellationToken;

        // 1. The first sync finds A and B: the archive is recorded, nobody is mailed.
        blog.Publish("sync-1.xml", Noon.AddDays(-1));
        var run = await job.RunOnceAsync(ct);
        Assert.Equal(("first-sync", 2, 2, 0), (run.Feed.Status, run.Feed.Items, run.Feed.New, run.Feed.Queued));
        Assert.Empty(stack.Sink.Messages);
        Assert.All(await PostsAsync(), p => Assert.Equal((PostState.Recorded, "first-sync"), (p.State, p.SkipReason)));

        // 2. Unchanged feed: a conditional GET answered 304, nothing parsed or sent.
        run = await job.RunOnceAsync(ct);
        Assert.Equal("not-modified", run.Feed.Status);
        Assert.Equal([200, 304], blog.Requests.Select(r => r.Status));

        // 3. C is new and recent: sent. D is new but published weeks ago: recorded. B was edited: ignored.
        blog.Publish("sync-2.xml", Noon.AddMinutes(5));
        clock.Now = Noon.AddMinutes(10);
        run = await job.RunOnceAsync(ct);
        Assert.Equal(("synced", 4, 2, 1), (run.Feed.Status, run.Feed.Items, run.Feed.New, run.Feed.Queued));
        var c = await PostAsync("urn:sync-test:c");
        Assert.Equal(PostState.Done, c.State);
        // The feed's relative link, resolved against the feed's URL.
        Assert.Equal(new Uri(blog.Origin, "/c").ToString(), c.Url);
        Assert.Equal((PostState.Recorded, "too-old"), ((await PostAsync("urn:sync-test:d")).State, (await PostAsync("urn:sync-test:d")).SkipReason));
        var b = await PostAsync("urn:sync-test:b");
        Assert.Equal(("B: also there before the first sync", PostState.Recorded), (b.Title, b.State));
        AssertEachOnce(emails, c.RowKey);

        // 4. E is new; C's title and body changed, B's edit persists: only E goes out.
        blog.Publish("sync-3.xml", Noon.AddMinutes(65));
        clock.Now = Noon.AddMinutes(70);
        run = await job.RunOnceAsync(ct);
        Assert.Equal(("synced", 1, 1), (run.Feed.Status, run.Feed.New, run.Feed.Queued));
        var e = await PostAsync("urn:sync-test:e");
        AssertEachOnce(emails, e.RowKey);
        AssertEachOnce(emails, c.RowKey);
        Assert.Equal(2 * emails.Count, stack.Sink.Messages.Count);
        Assert.Equal("Everyone gets this once.", (await PostAsync("urn:sync-test:c")).Summary);

        // 5. And the next tick is a 304 again.
        run = await job.RunOnceAsync(ct);
        Assert.Equal("not-modified", run.Feed.Status);
        Assert.Equal(2 * emails.Count, stack.Sink.Messages.Count);
    }

    [Fact]
    public async Task A_feed_declaring_an_external_entity_is_refused_without_fetching_it_and_the_next_good_feed_syncs()
    {
        await using var blog = await FeedServer.StartAsync();
        await using var server = await stack.StartServerAsync(new Dictionary<string, string?>
        {
            ["Newsletter:FeedUrl"] = blog.FeedUrl.ToString(),
        }, time: new SettableClock(Noon));
        var job = server.Services.GetRequiredService<NewsletterJob>();
        var ct = TestContext.Current.CancellationToken;

        blog.Publish("doctype-external.xml", Noon);
        var run = await job.RunOnceAsync(ct);
        Assert.Equal("error", run.Feed.Status);
        Assert.Contains("entity", run.Feed.Error, StringComparison.OrdinalIgnoreCase);
        // Only the feed itself was requested: the entity's SYSTEM URL (on this very server) never was.
        Assert.Equal([FeedServer.FeedPath], blog.Requests.Select(r => r.Path));
        Assert.Empty(await PostsAsync());

        blog.Publish("sync-1.xml", Noon);
        run = await job.RunOnceAsync(ct);
        Assert.Equal(("first-sync", 2), (run.Feed.Status, run.Feed.New));
    }

    private void AssertEachOnce(List<string> emails, string key)
    {
        var counts = CountsFor(stack.Sink, key);
        Assert.Equal(emails.Count, counts.Count);
        Assert.All(emails, address => Assert.Equal(1, counts.GetValueOrDefault(address)));
    }

    private async Task<PostEntity> PostAsync(string id) =>
        (await stack.Table(PostEntity.TableName).GetEntityAsync<PostEntity>(PostEntity.Partition, PostKeys.For(id),
            cancellationToken: TestContext.Current.CancellationToken)).Value;

    private async Task<List<PostEntity>> PostsAsync()
    {
        var list = new List<PostEntity>();
        await foreach (var p in stack.Table(PostEntity.TableName).QueryAsync<PostEntity>(p => p.PartitionKey == PostEntity.Partition,
                           cancellationToken: TestContext.Current.CancellationToken))
        {
            list.Add(p);
        }
        return list;
    }
}
