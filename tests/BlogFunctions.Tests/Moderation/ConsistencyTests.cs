using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Moderation;

/// <summary>
/// Crashes between the writes of one operation are simulated by putting the tables in the state
/// such a crash leaves; the documented repair paths must then bring index and counts back in line.
/// </summary>
public sealed class ConsistencyTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BlogTables Tables => stack.Server.Services.GetRequiredService<BlogTables>();

    [Fact]
    public async Task Status_change_cut_short_after_the_comment_write_is_repaired_by_the_list()
    {
        var api = new CommentApi(stack.Server);
        var post = TestIds.Post();
        var id = await api.PublishAsync(post, "Will be rejected");
        var comment = (await Tables[CommentTables.Comments].GetEntityAsync<CommentEntity>(post, id, cancellationToken: Ct)).Value;

        // The crash: comment and count (one transaction) say rejected, the index still says approved.
        comment.Status = CommentStatus.Rejected;
        await Tables[CommentTables.Comments].SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpdateReplace, comment, comment.ETag),
            new(TableTransactionActionType.UpsertReplace, new TableEntity(post, CommentTables.CountRowKey) { ["Approved"] = 0 }),
        ], Ct);
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));

        var approved = await ListIdsAsync(stack.Server, CommentStatus.Approved);
        Assert.DoesNotContain(id, approved);

        Assert.False(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.True(await IndexRowExistsAsync(CommentStatus.Rejected, comment));
        Assert.Contains(id, await ListIdsAsync(stack.Server, CommentStatus.Rejected));
        var counts = await stack.Server.Client.GetFromJsonAsync<JsonObject>($"api/comment-counts?postId={post}", Ct);
        Assert.Equal(0, counts![post]!.GetValue<int>());
    }

    [Fact]
    public async Task Repeating_an_action_restores_a_lost_index_row_and_counts_once()
    {
        var api = new CommentApi(stack.Server);
        var post = TestIds.Post();
        var id = await api.PublishAsync(post, "Approved once");
        var comment = (await Tables[CommentTables.Comments].GetEntityAsync<CommentEntity>(post, id, cancellationToken: Ct)).Value;

        // The crash: the comment was approved, but the index row did not follow.
        await Tables[CommentTables.Index].DeleteEntityAsync(CommentStatus.Approved,
            CommentTables.IndexRowKey(comment.CreatedAt, post, id), cancellationToken: Ct);

        var again = await stack.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{id}/approve", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.Equal(1, await StoredCountAsync(post));
    }

    [Fact]
    public async Task Delete_cut_short_before_the_index_rows_leaves_an_orphan_the_list_drops()
    {
        var post = TestIds.Post();
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var ghost = new CommentEntity { PartitionKey = post, RowKey = CommentIds.New(createdAt), CreatedAt = createdAt };
        await Tables[CommentTables.Index].AddEntityAsync(DerivedRows.Index(CommentStatus.Pending, createdAt, post, ghost.Id), Ct);

        // Walk the pending list until past the ghost's time: it is never listed, and it is gone afterwards.
        string? cursor = null;
        for (var page = 0; page < 200; page++)
        {
            var json = await stack.Server.Moderator.GetFromJsonAsync<JsonObject>(
                "api/moderation/comments?status=pending" + (cursor is null ? "" : "&cursor=" + cursor), Ct);
            Assert.DoesNotContain(ghost.Id, json!["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
            cursor = json["next"]?.GetValue<string>();
            if (cursor is null || json["comments"]!.AsArray().Any(c => c!["createdAt"]!.GetValue<DateTimeOffset>() < createdAt))
            {
                break;
            }
        }
        Assert.False(await IndexRowExistsAsync(CommentStatus.Pending, ghost));
    }

    [Fact]
    public async Task Post_cut_short_before_projection_is_finished_from_its_queue_message_on_another_instance()
    {
        // The crash (or a Functions instance frozen after it answered): the POST's transaction
        // (comment with Projected = false + fingerprint) committed and its projection message was
        // sent, then the process stopped before any derived row or the count was written.
        var post = TestIds.Post();
        var comment = await StoreLikeACrashedPostAsync(post, $"{Guid.NewGuid():N}@example.com");
        // Before the message: the running instance may take it at once.
        Assert.False(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        await new QueueClient(stack.StorageConnectionString, WorkQueues.Projection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .SendMessageAsync($$"""{"postId":"{{post}}","commentId":"{{comment.Id}}"}""", Ct);

        await using var restarted = await stack.StartServerAsync();
        // The projection writes the derived rows before it clears the marker: wait for both, or
        // the check can land between them (it did once, in a clean-clone CI run).
        var finished = false;
        for (var i = 0; i < 100 && !finished; i++)
        {
            finished = (await ListIdsAsync(restarted, CommentStatus.Approved)).Contains(comment.Id) && !await IsDueAsync(comment);
            if (!finished)
            {
                await Task.Delay(200, Ct);
            }
        }
        Assert.True(finished, "the restarted service never finished the projection");
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.Equal(1, await StoredCountAsync(post));
        var lookup = await Tables[CommentTables.Lookups].GetEntityIfExistsAsync<TableEntity>(
            CommentTables.EmailPartition(comment.EmailHash!), CommentTables.EmailRowKey(comment.EmailHash!, post, comment.Id), cancellationToken: Ct);
        Assert.True(lookup.HasValue);
    }

    [Fact]
    public async Task A_comment_whose_projection_message_was_lost_is_projected_by_the_hourly_sweep()
    {
        var post = TestIds.Post();
        var comment = await StoreLikeACrashedPostAsync(post, null, DateTimeOffset.UtcNow.AddMinutes(-5));

        var swept = await stack.Server.Services.GetRequiredService<HourlySweep>().RunAsync(Ct);

        Assert.True(swept.Unprojected >= 1, $"the sweep found {swept.Unprojected}");
        Assert.False(await IsDueAsync(comment));
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.Equal(1, await StoredCountAsync(post));
    }

    [Fact]
    public async Task Two_projections_of_the_same_marker_count_the_comment_once()
    {
        var post = TestIds.Post();
        var comment = await StoreLikeACrashedPostAsync(post, null);
        var projector = stack.Server.Services.GetRequiredService<CommentProjector>();
        var marker = ProjectionMarker.ForNew(comment);

        await Task.WhenAll(projector.ProjectAsync([marker], Ct), projector.ProjectAsync([marker], Ct));
        await projector.ProjectAsync([marker], Ct);

        Assert.Equal(1, await StoredCountAsync(post));
        Assert.False(await IsDueAsync(comment));
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
    }

    private async Task<CommentEntity> StoreLikeACrashedPostAsync(string post, string? email, DateTimeOffset? at = null)
    {
        var now = at ?? DateTimeOffset.UtcNow;
        var comment = new CommentEntity
        {
            PartitionKey = post,
            RowKey = CommentIds.New(now),
            Author = "Crash",
            AuthorHash = "author-hash",
            Email = email,
            EmailHash = email is null ? null : "Q" + Guid.NewGuid().ToString("N"),
            Avatar = "avatar",
            BodyMarkdown = "Stored just before the crash",
            BodyHtml = "<p>Stored just before the crash</p>",
            Status = CommentStatus.Approved,
            CreatedAt = now,
            Projected = false,
            ProjectionDelta = 1,
        };
        var response = await Tables[CommentTables.Comments].AddEntityAsync(comment, Ct);
        comment.ETag = response.Headers.ETag ?? default;
        return comment;
    }

    private async Task<bool> IsDueAsync(CommentEntity comment) =>
        (await Tables[CommentTables.Comments].GetEntityAsync<CommentEntity>(comment.PostId, comment.Id, cancellationToken: Ct))
            .Value.Projected == false;

    private async Task<bool> IndexRowExistsAsync(string status, CommentEntity comment) =>
        (await Tables[CommentTables.Index].GetEntityIfExistsAsync<TableEntity>(status,
            CommentTables.IndexRowKey(comment.CreatedAt, comment.PostId, comment.Id), cancellationToken: Ct)).HasValue;

    private async Task<int> StoredCountAsync(string post)
    {
        var row = await Tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(post, CommentTables.CountRowKey, cancellationToken: Ct);
        return row.HasValue ? row.Value!.GetInt32("Approved") ?? 0 : 0;
    }

    private static async Task<List<string>> ListIdsAsync(BlogServer server, string status)
    {
        var page = await server.Moderator.GetFromJsonAsync<JsonObject>($"api/moderation/comments?status={status}", Ct);
        return page!["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
    }
}
