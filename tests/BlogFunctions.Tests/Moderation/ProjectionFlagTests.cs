using System.Net;
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
    public async Task A_moderation_change_before_the_projection_leaves_the_comment_due_and_counted_once()
    {
        var post = TestIds.Post();
        var comment = await StoreUnprojectedAsync(post);

        var rejected = await stack.Server.Moderator.PostAsync(new Uri($"api/moderation/comments/{post}/{comment.Id}/reject", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var afterModeration = await ReadAsync(post, comment.Id);
        Assert.False(afterModeration.Projected);
        Assert.NotEqual(comment.ETag, afterModeration.ETag);

        // The marker still holds the ETag of the insert: the flag write fails on it, the projector
        // reads the comment again and finishes it under its new ETag.
        await Projector.ProjectAsync([ProjectionMarker.ForNew(comment)], Ct);
        await Projector.ProjectAsync([ProjectionMarker.ForNew(comment)], Ct);

        var done = await ReadAsync(post, comment.Id);
        Assert.True(done.Projected);
        Assert.Equal(CommentStatus.Rejected, done.Status);
        Assert.Equal(0, await StoredCountAsync(post));
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

    private async Task<int> StoredCountAsync(string post)
    {
        var row = await Tables[CommentTables.Comments].GetEntityIfExistsAsync<TableEntity>(post, CommentTables.CountRowKey, cancellationToken: Ct);
        return row.HasValue ? row.Value!.GetInt32("Approved") ?? 0 : 0;
    }
}
