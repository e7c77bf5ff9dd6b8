using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
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

        // The crash: the comment row says rejected, index and count still say approved.
        comment.Status = CommentStatus.Rejected;
        await Tables[CommentTables.Comments].UpdateEntityAsync(comment, comment.ETag, TableUpdateMode.Replace, Ct);
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.Equal(1, await StoredCountAsync(post));

        var approved = await ListIdsAsync(CommentStatus.Approved);
        Assert.DoesNotContain(id, approved);

        Assert.False(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.True(await IndexRowExistsAsync(CommentStatus.Rejected, comment));
        Assert.Equal(0, await StoredCountAsync(post));
        Assert.Contains(id, await ListIdsAsync(CommentStatus.Rejected));
        var counts = await stack.Server.Client.GetFromJsonAsync<JsonObject>($"api/comment-counts?postId={post}", Ct);
        Assert.Equal(0, counts![post]!.GetValue<int>());
    }

    [Fact]
    public async Task Repeating_an_action_restores_a_lost_index_row_and_count()
    {
        var api = new CommentApi(stack.Server);
        var post = TestIds.Post();
        var id = await api.PublishAsync(post, "Approved once");
        var comment = (await Tables[CommentTables.Comments].GetEntityAsync<CommentEntity>(post, id, cancellationToken: Ct)).Value;

        // The crash: the comment was approved, but neither the index row nor the count followed.
        await Tables[CommentTables.Index].DeleteEntityAsync(CommentStatus.Approved,
            CommentTables.IndexRowKey(comment.CreatedAt, post, id), cancellationToken: Ct);
        await Tables[CommentTables.Counts].UpsertEntityAsync(new TableEntity(post, "") { ["Approved"] = 0 }, cancellationToken: Ct);

        var again = await stack.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{id}/approve", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
        Assert.Equal(1, await StoredCountAsync(post));
    }

    [Fact]
    public async Task Create_cut_short_before_the_comment_write_leaves_an_orphan_the_list_drops()
    {
        var post = TestIds.Post();
        var createdAt = DateTimeOffset.UtcNow.AddMinutes(-5);
        var ghost = new CommentEntity { PartitionKey = post, RowKey = CommentIds.New(createdAt), CreatedAt = createdAt };
        var row = new TableEntity(CommentStatus.Pending, CommentTables.IndexRowKey(createdAt, post, ghost.Id))
        {
            ["PostId"] = post,
            ["CommentId"] = ghost.Id,
            ["CreatedAt"] = createdAt,
        };
        await Tables[CommentTables.Index].AddEntityAsync(row, Ct);

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

    private async Task<bool> IndexRowExistsAsync(string status, CommentEntity comment) =>
        (await Tables[CommentTables.Index].GetEntityIfExistsAsync<TableEntity>(status,
            CommentTables.IndexRowKey(comment.CreatedAt, comment.PostId, comment.Id), cancellationToken: Ct)).HasValue;

    private async Task<int> StoredCountAsync(string post)
    {
        var row = await Tables[CommentTables.Counts].GetEntityIfExistsAsync<TableEntity>(post, "", cancellationToken: Ct);
        return row.HasValue ? row.Value!.GetInt32("Approved") ?? 0 : 0;
    }

    private async Task<List<string>> ListIdsAsync(string status)
    {
        var page = await stack.Server.Moderator.GetFromJsonAsync<JsonObject>($"api/moderation/comments?status={status}", Ct);
        return page!["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
    }
}
