using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Moderation;

public static class ModerationRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("ListModerationComments", "GET", Routes.ModerationComments, RouteAccess.Moderator,
            "Comments by 'status' (pending, approved, spam, rejected), newest first across posts, with email, reasons and ETag.",
            (r, ct) => r.Service<ModerationEndpoints>().ListAsync(r, ct)),
        new("ApproveComment", "POST", Routes.ModerationApprove, RouteAccess.Moderator,
            "Approves a comment (If-Match honoured); 200 with the comment.",
            (r, ct) => r.Service<ModerationEndpoints>().ApproveAsync(r, r.Route("postId"), r.Route("commentId"), ct)),
        new("RejectComment", "POST", Routes.ModerationReject, RouteAccess.Moderator,
            "Rejects a comment (If-Match honoured); 200 with the comment.",
            (r, ct) => r.Service<ModerationEndpoints>().RejectAsync(r, r.Route("postId"), r.Route("commentId"), ct)),
        new("MarkCommentSpam", "POST", Routes.ModerationSpam, RouteAccess.Moderator,
            "Marks a comment as spam (If-Match honoured); 200 with the comment.",
            (r, ct) => r.Service<ModerationEndpoints>().SpamAsync(r, r.Route("postId"), r.Route("commentId"), ct)),
        new("DeleteComment", "DELETE", Routes.ModerationComment, RouteAccess.Moderator,
            "Deletes a comment (If-Match honoured); one with approved or held replies stays as an erased placeholder. 204.",
            (r, ct) => r.Service<ModerationEndpoints>().DeleteAsync(r, r.Route("postId"), r.Route("commentId"), ct)),
        new("ReconcileComments", "POST", Routes.ModerationReconcile, RouteAccess.Moderator,
            "Runs the hourly reconcile now: restores missing or misplaced moderation index rows, drops orphans, recounts wrong counts; 200 with what it repaired.",
            (r, ct) => r.Service<ModerationEndpoints>().ReconcileAsync(r, ct)),
    ];

    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<CommentModerator>();
        services.AddSingleton<ICommentModeration>(sp => sp.GetRequiredService<CommentModerator>());
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<ICommentPersonalDataEraser>(sp => sp.GetRequiredService<PersonalDataEraser>());
        services.AddSingleton<ModerationList>();
        services.AddSingleton<ModerationEndpoints>();
        return services;
    }
}
