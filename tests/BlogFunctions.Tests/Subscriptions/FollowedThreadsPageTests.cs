using System.Net;
using BlogFunctions.Core.Newsletter.Preferences;
using BlogFunctions.Core.Newsletter.Subscribers;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Subscriptions;

/// <summary>
/// The preference page over <see cref="IFollowedThreads"/> as the notifications feature will provide
/// it (a stand-in registered in the SelfHost: the Functions worker's services cannot be replaced).
/// </summary>
public sealed class FollowedThreadsPageTests(BlogFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Followed : IFollowedThreads
    {
        public List<string> UnfollowedAll { get; } = [];

        public Task<IReadOnlyList<FollowedThread>> ForAsync(string emailHash, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FollowedThread>>(
            [
                new("post-1", "c1", "Re: <script>alert(1)</script>", "https://blog.example/api/unfollow?token=a&b=1"),
                new("post-2", null, "All comments on post two", "javascript:alert(2)"),
                new("post-3", null, "Post three", "/api/notifications/unfollow?token=z"),
            ]);

        public Task UnfollowAllAsync(string emailHash, CancellationToken cancellationToken)
        {
            lock (UnfollowedAll)
            {
                UnfollowedAll.Add(emailHash);
            }
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_page_lists_followed_threads_with_safe_unfollow_links_and_unsubscribe_from_all_drops_them()
    {
        var followed = new Followed();
        await using var sink = await SendGridSink.StartAsync();
        await using var server = await BlogServer.StartAsync(fixture.StorageConnectionString, sink.Settings(),
            b => b.Services.AddSingleton<IFollowedThreads>(followed));
        var email = SubscriptionHarness.NewAddress("follower");
        var hash = server.Services.GetRequiredService<SubscriberKeys>().HashOf(email);
        var (pk, rk) = SubscriberKeys.KeysOfHash(hash);
        Assert.True(await server.Services.GetRequiredService<SubscriberStore>().TryAddAsync(new SubscriberEntity
        {
            PartitionKey = pk, RowKey = rk, Email = email, Status = SubscriberStatus.Active, CreatedAt = DateTimeOffset.UtcNow,
        }, Ct));
        var path = "api/subscriptions/preferences?token=" + Uri.EscapeDataString(server.Services.GetRequiredService<PreferenceLinks>().TokenForHash(hash));

        var html = await server.Client.GetStringAsync(path, Ct);
        Assert.Contains("Re: &lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("href=\"https://blog.example/api/unfollow?token=a&amp;b=1\"", html);
        Assert.Contains("href=\"/api/notifications/unfollow?token=z\"", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("All comments on post two", html);
        Assert.Equal(2, html.Split(">Unfollow</a>").Length - 1);

        using var content = new FormUrlEncodedContent([new("action", "unsubscribe-all")]);
        using var done = await server.Client.PostAsync(path, content, Ct);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal([hash], followed.UnfollowedAll);
        var stored = await server.Services.GetRequiredService<SubscriberStore>().GetAsync(hash, Ct);
        Assert.Equal(SubscriberStatus.Unsubscribed, stored!.Status);
    }
}
