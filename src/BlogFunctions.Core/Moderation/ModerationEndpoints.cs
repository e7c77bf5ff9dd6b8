using Azure;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Moderation;

/// <summary>Moderator routes: the queue, the three actions, delete and the reconcile. Credentials are checked by the pipeline.</summary>
public sealed class ModerationEndpoints(ApiPipeline pipeline, ModerationList list, CommentModerator moderator,
    CommentReconciler reconciler)
{
    public Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Moderator, async () =>
        {
            string? status = request.Query["status"];
            status = string.IsNullOrEmpty(status) ? CommentStatus.Pending : status;
            if (!CommentStatus.IsValid(status))
            {
                throw ProblemException.Validation("invalid_status", "status is one of pending, approved, spam, rejected.", "status");
            }
            var page = await list.ListAsync(status, request.Query["cursor"], cancellationToken);
            return Results.Json(page, ModerationJsonContext.Default.ModerationPage);
        });

    public Task<IResult> ApproveAsync(HttpRequest request, string postId, string commentId, CancellationToken cancellationToken) =>
        ActAsync(request, postId, commentId, ModerationAction.Approve, cancellationToken);

    public Task<IResult> RejectAsync(HttpRequest request, string postId, string commentId, CancellationToken cancellationToken) =>
        ActAsync(request, postId, commentId, ModerationAction.Reject, cancellationToken);

    public Task<IResult> SpamAsync(HttpRequest request, string postId, string commentId, CancellationToken cancellationToken) =>
        ActAsync(request, postId, commentId, ModerationAction.Spam, cancellationToken);

    public Task<IResult> DeleteAsync(HttpRequest request, string postId, string commentId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Moderator, async () =>
        {
            RequireIds(postId, commentId);
            return await moderator.DeleteAsync(postId, commentId, IfMatch(request), cancellationToken)
                ? Results.NoContent()
                : throw NotFound();
        });

    public Task<IResult> ReconcileAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Moderator, async () =>
            Results.Json(await reconciler.RunAsync(cancellationToken), ModerationJsonContext.Default.ReconcileResult));

    private Task<IResult> ActAsync(HttpRequest request, string postId, string commentId, ModerationAction action,
        CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Moderator, async () =>
        {
            RequireIds(postId, commentId);
            var comment = await moderator.ApplyAsync(postId, commentId, action, IfMatch(request), cancellationToken)
                ?? throw NotFound();
            request.HttpContext.Response.Headers.ETag = comment.ETag.ToString();
            return Results.Json(ModeratedComment.From(comment), ModerationJsonContext.Default.ModeratedComment);
        });

    private static void RequireIds(string postId, string commentId)
    {
        CommentInput.PostId(postId);
        if (!CommentIds.IsValid(commentId))
        {
            throw NotFound();
        }
    }

    private static ETag? IfMatch(HttpRequest request)
    {
        string? header = request.Headers.IfMatch;
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim() == "*" ? ETag.All : new ETag(header.Trim());
    }

    private static ProblemException NotFound() => ProblemException.NotFound("comment_not_found", "No such comment on this post.");
}
