using BlogFunctions.Core.Http;
using BlogFunctions.Core.Moderation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class ModerationFunctions(ModerationEndpoints endpoints)
{
    [Function("ListModerationComments")]
    public Task<IResult> ListModerationComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationComments)] HttpRequest req, CancellationToken ct) => endpoints.ListAsync(req, ct);

    [Function("ApproveComment")]
    public Task<IResult> ApproveComment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationApprove)] HttpRequest req, string postId, string commentId, CancellationToken ct) => endpoints.ApproveAsync(req, postId, commentId, ct);

    [Function("RejectComment")]
    public Task<IResult> RejectComment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationReject)] HttpRequest req, string postId, string commentId, CancellationToken ct) => endpoints.RejectAsync(req, postId, commentId, ct);

    [Function("MarkCommentSpam")]
    public Task<IResult> MarkCommentSpam([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationSpam)] HttpRequest req, string postId, string commentId, CancellationToken ct) => endpoints.SpamAsync(req, postId, commentId, ct);

    [Function("DeleteComment")]
    public Task<IResult> DeleteComment([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Routes.ModerationComment)] HttpRequest req, string postId, string commentId, CancellationToken ct) => endpoints.DeleteAsync(req, postId, commentId, ct);

    [Function("ReconcileComments")]
    public Task<IResult> ReconcileComments([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationReconcile)] HttpRequest req, CancellationToken ct) => endpoints.ReconcileAsync(req, ct);
}
