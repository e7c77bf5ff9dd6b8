using Azure;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Moderation;

/// <summary>
/// The moderator routes, each declared once: template, method, access and handler: the queue, the
/// three actions, delete and the reconcile. Both hosts serve them through <see cref="ApiPipeline"/>,
/// which checks the moderator credential (<see cref="RouteAccess.Moderator"/>), applies CORS and maps errors.
/// </summary>
internal static class ModerationApi
{
    public const string CommentsTemplate = "moderation/comments";
    public const string ApproveTemplate = "moderation/comments/{postId}/{commentId}/approve";
    public const string RejectTemplate = "moderation/comments/{postId}/{commentId}/reject";
    public const string SpamTemplate = "moderation/comments/{postId}/{commentId}/spam";
    public const string CommentTemplate = "moderation/comments/{postId}/{commentId}";
    public const string ReconcileTemplate = "moderation/comments/reconcile";

    private static ApiParameter IfMatch { get; } =
        ApiParameter.Header("If-Match", "The comment's etag as listed: the change applies only to that version (412 otherwise).");

    private static ApiResponse Acted { get; } =
        ApiResponse.Json(200, ModerationJsonContext.Default.ModeratedComment, "The comment as it is now, with its new etag");

    /// <summary>What approve, reject, spam and delete refuse with.</summary>
    private static IReadOnlyList<ApiResponse> ActionProblems { get; } =
    [
        ApiResponse.Problem(400, "invalid_post_id"),
        ApiResponse.Problem(404, "comment_not_found"),
        ApiResponse.Problem(409, "moderation_conflict"),
        ApiResponse.Problem(412, "precondition_failed"),
    ];

    public static ApiRoute ListModerationComments { get; } = new("ListModerationComments", "GET", CommentsTemplate, RouteAccess.Moderator,
        "Comments by 'status' (pending, approved, spam, rejected), newest first across posts, with email, reasons and ETag.",
        (r, ct) => r.Service<ModerationHandlers>().ListAsync(r, ct))
    {
        Parameters = [ApiParameter.Query("status", "pending (default), approved, spam or rejected."), ApiParameter.Cursor],
        Responses =
        [
            ApiResponse.Json(200, ModerationJsonContext.Default.ModerationPage, "A page of comments with that status"),
            ApiResponse.Problem(400, "invalid_status", "invalid_cursor"),
        ],
    };

    public static ApiRoute ApproveComment { get; } = new("ApproveComment", "POST", ApproveTemplate, RouteAccess.Moderator,
        "Approves a comment (If-Match honoured); 200 with the comment.",
        (r, ct) => r.Service<ModerationHandlers>().ActAsync(r, r.Route("postId"), r.Route("commentId"), ModerationAction.Approve, ct))
    {
        Parameters = [IfMatch],
        Responses = [Acted, .. ActionProblems],
    };

    public static ApiRoute RejectComment { get; } = new("RejectComment", "POST", RejectTemplate, RouteAccess.Moderator,
        "Rejects a comment (If-Match honoured); 200 with the comment.",
        (r, ct) => r.Service<ModerationHandlers>().ActAsync(r, r.Route("postId"), r.Route("commentId"), ModerationAction.Reject, ct))
    {
        Parameters = [IfMatch],
        Responses = [Acted, .. ActionProblems],
    };

    public static ApiRoute MarkCommentSpam { get; } = new("MarkCommentSpam", "POST", SpamTemplate, RouteAccess.Moderator,
        "Marks a comment as spam (If-Match honoured); 200 with the comment.",
        (r, ct) => r.Service<ModerationHandlers>().ActAsync(r, r.Route("postId"), r.Route("commentId"), ModerationAction.Spam, ct))
    {
        Parameters = [IfMatch],
        Responses = [Acted, .. ActionProblems],
    };

    public static ApiRoute DeleteComment { get; } = new("DeleteComment", "DELETE", CommentTemplate, RouteAccess.Moderator,
        "Deletes a comment (If-Match honoured); one with approved or held replies stays as an erased placeholder. 204.",
        (r, ct) => r.Service<ModerationHandlers>().DeleteAsync(r, r.Route("postId"), r.Route("commentId"), ct))
    {
        Parameters = [IfMatch],
        Responses = [ApiResponse.Empty(204, "Deleted (or erased to a placeholder)"), .. ActionProblems],
    };

    public static ApiRoute ReconcileComments { get; } = new("ReconcileComments", "POST", ReconcileTemplate, RouteAccess.Moderator,
        "Runs the hourly reconcile now: restores missing or misplaced moderation index rows, drops orphans, recounts wrong counts; 200 with what it repaired.",
        (r, ct) => r.Service<ModerationHandlers>().ReconcileAsync(ct))
    {
        Responses = [ApiResponse.Json(200, ModerationJsonContext.Default.ReconcileResult, "What the reconcile checked and repaired")],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } =
        [ListModerationComments, ApproveComment, RejectComment, MarkCommentSpam, DeleteComment, ReconcileComments];
}

/// <summary>List, act, delete, reconcile: what the routes above run. The pipeline has checked the credential.</summary>
internal sealed class ModerationHandlers(ModerationList list, CommentModerator moderator, CommentReconciler reconciler)
{
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? status = request.Query["status"];
        status = string.IsNullOrEmpty(status) ? CommentStatus.Pending : status;
        if (!CommentStatus.IsValid(status))
        {
            throw ProblemException.Validation("invalid_status", "status is one of pending, approved, spam, rejected.", "status");
        }
        var page = await list.ListAsync(status, request.Query["cursor"], cancellationToken);
        return Results.Json(page, ModerationJsonContext.Default.ModerationPage);
    }

    public async Task<IResult> ActAsync(HttpRequest request, string postId, string commentId, ModerationAction action,
        CancellationToken cancellationToken)
    {
        RequireIds(postId, commentId);
        var comment = await moderator.ApplyAsync(postId, commentId, action, IfMatch(request), cancellationToken)
            ?? throw NotFound();
        request.HttpContext.Response.Headers.ETag = comment.ETag.ToString();
        return Results.Json(ModeratedComment.From(comment), ModerationJsonContext.Default.ModeratedComment);
    }

    public async Task<IResult> DeleteAsync(HttpRequest request, string postId, string commentId, CancellationToken cancellationToken)
    {
        RequireIds(postId, commentId);
        return await moderator.DeleteAsync(postId, commentId, IfMatch(request), cancellationToken)
            ? Results.NoContent()
            : throw NotFound();
    }

    public async Task<IResult> ReconcileAsync(CancellationToken cancellationToken) =>
        Results.Json(await reconciler.RunAsync(cancellationToken), ModerationJsonContext.Default.ReconcileResult);

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
