using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using BlogFunctions.Core.Queues;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Comments;

/// <summary>
/// The projection queue's price per comment: one message per post per few seconds, not one per
/// comment, so a busy post does not double the storage calls of every POST. On storage of its own
/// with no poller, so the messages stay to be counted.
/// </summary>
public sealed class ProjectionMessageTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly AzuriteProcess _azurite = new();
    private BlogServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        await _azurite.StartAsync();
        _server = await BlogServer.StartAsync(_azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["SelfHost:QueuePollers"] = "false",
            ["Comments:RateLimit:Count"] = "0",
            ["Comments:Mode"] = "None",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task A_burst_of_comments_on_one_post_sends_one_message_for_it()
    {
        var started = DateTimeOffset.UtcNow;
        var api = new CommentApi(_server);
        string busy = TestIds.Post("busy"), quiet = TestIds.Post("quiet");
        for (var i = 0; i < 12; i++)
        {
            await api.PostOkAsync(busy, new { author = "Ann", body = $"Comment number {i} on a busy post" }, HttpStatusCode.Created);
        }
        await api.PostOkAsync(quiet, new { author = "Bob", body = "The only comment here" }, HttpStatusCode.Created);

        var queue = new QueueClient(_azurite.ConnectionString, WorkQueues.Projection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        // Invisible for 5 s: wait them out, then read them all.
        await Task.Delay(TimeSpan.FromSeconds(6), Ct);
        var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value;
        var posts = messages.Select(m => JsonDocument.Parse(m.Body.ToString()).RootElement.GetProperty("postId").GetString()).ToList();
        Assert.Equal(1, posts.Count(p => p == busy));
        Assert.Equal(1, posts.Count(p => p == quiet));
        Assert.Equal(2, posts.Count);
        // Each names where its query starts: a minute before its first comment (ids sort by time),
        // so the query reads the post's recent comments, not the thousands a busy post holds.
        foreach (var message in messages)
        {
            var from = JsonDocument.Parse(message.Body.ToString()).RootElement.GetProperty("from").GetString()!;
            Assert.InRange(string.CompareOrdinal(from, Core.Comments.CommentIds.FirstFrom(started - TimeSpan.FromMinutes(1.5))), 1, int.MaxValue);
            Assert.InRange(string.CompareOrdinal(from, Core.Comments.CommentIds.FirstFrom(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(55))), int.MinValue, -1);
        }
    }
}
