using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Storage;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Moderation;

/// <summary>
/// A comment's "not projected yet" flag lives in its own row, so whatever else writes that row
/// before the projector gets to it (a moderator, a delete, the projector of another instance) must
/// leave the count right and the flag either done or still due, never due twice.
/// </summary>
public sealed class ProjectionFlagTests(BlogFixture stack)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BlogTables Tables => stack.Server.Services.GetRequiredService<BlogTables>();

    private CommentProjector Projector => stack.Server.Services.GetRequiredService<CommentProjector>();

    [Fact]
    public async Task A_comment_deleted_before_its_projection_is_counted_by_neither()
    {
        var post = TestIds.Post();
        var comment = await StoreUnprojectedAsync(post);

        var deleted = await stack.Server.Moderator.DeleteAsync(new Uri($"api/moderation/comments/{post}/{comment.Id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Projector.ProjectAsync([ProjectionMarker.ForNew(comment)], Ct);

        Assert.Equal(0, await StoredCountAsync(post));
        Assert.False((await Tables[CommentTables.Comments].GetEntityIfExistsAsync<CommentEntity>(post, comment.Id, cancellationToken: Ct)).HasValue);
    }

    [Fact]
    public async Task A_moderation_change_before_the_projection_finishes_it_and_keeps_its_etag()
    {
        var post = TestIds.Post();
        var comment = await StoreUnprojectedAsync(post);

        var rejected = await stack.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{comment.Id}/reject", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var afterModeration = await ReadAsync(post, comment.Id);
        Assert.True(afterModeration.Projected);
        Assert.True(await IndexRowExistsAsync(CommentStatus.Rejected, comment));
        Assert.Equal(0, await StoredCountAsync(post));

        // The projector still holds the insert's ETag: its flag write fails, a read shows the
        // comment done, and it neither counts it again nor changes the ETag the moderator got.
        await Projector.ProjectAsync([ProjectionMarker.ForNew(comment)], Ct);

        var after = await ReadAsync(post, comment.Id);
        Assert.Equal(afterModeration.ETag, after.ETag);
        Assert.Equal(CommentStatus.Rejected, after.Status);
        Assert.Equal(0, await StoredCountAsync(post));
    }

    [Fact]
    public async Task A_status_change_cut_short_before_its_commit_leaves_the_comment_due()
    {
        var post = TestIds.Post();
        var comment = await StoreUnprojectedAsync(post);

        // The crash: the moderation change wrote the derived rows of the new status, then died
        // before its transaction. The comment is unchanged and still due.
        var rejected = ProjectionMarker.ForExisting(comment) with { Status = CommentStatus.Rejected };
        await Projector.WriteDerivedAsync([rejected], Ct);

        await Projector.ProjectAsync([ProjectionMarker.ForNew(comment)], Ct);
        Assert.True((await ReadAsync(post, comment.Id)).Projected);
        Assert.Equal(1, await StoredCountAsync(post));

        // The stale rejected index row is what the list repairs: the comment shows under approved only.
        var list = await stack.Server.Moderator.GetFromJsonAsync<JsonObject>("api/moderation/comments?status=rejected", Ct);
        Assert.DoesNotContain(comment.Id, list!["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.False(await IndexRowExistsAsync(CommentStatus.Rejected, comment));
        Assert.True(await IndexRowExistsAsync(CommentStatus.Approved, comment));
    }

    [Fact]
    public async Task A_batch_retried_after_it_finished_ends_at_once_and_counts_nothing_twice()
    {
        // A retry after a partial failure (one post's chunk written, another's not) holds markers
        // whose ETags are stale: each must be recognised as done in one pass, not one per attempt.
        var post = TestIds.Post();
        var comments = new List<CommentEntity>();
        for (var i = 0; i < 40; i++)
        {
            comments.Add(await StoreUnprojectedAsync(post));
        }
        var markers = comments.Select(ProjectionMarker.ForNew).ToList();
        await Projector.ProjectAsync(markers, Ct);

        await Projector.ProjectAsync(markers, Ct);

        Assert.Equal(40, await StoredCountAsync(post));
        foreach (var c in comments)
        {
            Assert.True((await ReadAsync(post, c.Id)).Projected);
        }
    }

    [Fact]
    public async Task A_post_through_the_api_ends_projected_and_counted()
    {
        var api = new Comments.CommentApi(stack.Server);
        var post = TestIds.Post();
        var id = await api.PublishAsync(post, "Projected in the background");

        // The moderation list flushes this instance's projection before it answers.
        using var _ = await stack.Server.Moderator.GetAsync(new Uri("api/moderation/comments?status=approved", UriKind.Relative), Ct);

        Assert.True((await ReadAsync(post, id)).Projected);
        Assert.Equal(1, await StoredCountAsync(post));
    }

    private async Task<CommentEntity> StoreUnprojectedAsync(string post)
    {
        var now = DateTimeOffset.UtcNow;
        var comment = new CommentEntity
        {
            PartitionKey = post,
            RowKey = CommentIds.New(now),
            Author = "Early",
            Avatar = "avatar",
            BodyMarkdown = "Not projected yet",
            BodyHtml = "<p>Not projected yet</p>",
            Status = CommentStatus.Approved,
            CreatedAt = now,
            Projected = false,
            ProjectionDelta = 1,
        };
        var response = await Tables[CommentTables.Comments].AddEntityAsync(comment, Ct);
        comment.ETag = response.Headers.ETag ?? default;
        return comment;
    }

    private async Task<CommentEntity> ReadAsync(string post, string id) =>
        (await Tables[CommentTables.Comments].GetEntityAsync<CommentEntity>(post, id, cancellationToken: Ct)).Value;

    private async Task<bool> IndexRowExistsAsync(string status, CommentEntity comment) =>
        (await Tables[CommentTables.Index].GetEntityIfExistsAsync<TableEntity>(status,
            CommentTables.IndexRowKey(comment.CreatedAt, comment.PostId, comment.Id), cancellationToken: Ct)).HasValue;

    private async Task<int> StoredCountAsync(string post)
    {
        var row = await Tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(post, CommentTables.CountRowKey, cancellationToken: Ct);
        return row.HasValue ? row.Value!.GetInt32("Approved") ?? 0 : 0;
    }
}
