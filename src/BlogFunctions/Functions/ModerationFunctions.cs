using BlogFunctions.Core.Http;
using BlogFunctions.Core.Moderation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class ModerationFunctions(ApiPipeline api)
{
    [Function("ListModerationComments")]
    public Task<IResult> ListModerationComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ModerationApi.CommentsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationApi.ListModerationComments, req, ct);

    [Function("ApproveComment")]
    public Task<IResult> ApproveComment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ModerationApi.ApproveTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationApi.ApproveComment, req, ct);

    [Function("RejectComment")]
    public Task<IResult> RejectComment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ModerationApi.RejectTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationApi.RejectComment, req, ct);

    [Function("MarkCommentSpam")]
    public Task<IResult> MarkCommentSpam([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ModerationApi.SpamTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationApi.MarkCommentSpam, req, ct);

    [Function("DeleteComment")]
    public Task<IResult> DeleteComment([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = ModerationApi.CommentTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationApi.DeleteComment, req, ct);

    [Function("ReconcileComments")]
    public Task<IResult> ReconcileComments([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ModerationApi.ReconcileTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationApi.ReconcileComments, req, ct);
}
