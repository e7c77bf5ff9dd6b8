using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class CommentFunctions(ApiPipeline api)
{
    [Function("PostComment")]
    public Task<IResult> PostComment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CommentsApi.PostCommentsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(CommentsApi.PostComment, req, ct);

    [Function("GetComments")]
    public Task<IResult> GetComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommentsApi.PostCommentsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(CommentsApi.GetComments, req, ct);

    [Function("GetCommentCounts")]
    public Task<IResult> GetCommentCounts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommentsApi.CountsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(CommentsApi.GetCommentCounts, req, ct);

    [Function("GetCommentStatus")]
    public Task<IResult> GetCommentStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommentsApi.StatusTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(CommentsApi.GetCommentStatus, req, ct);
}
