using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class CommentFunctions(CommentEndpoints endpoints, CommentStatusEndpoints statusEndpoints)
{
    [Function("PostComment")]
    public Task<IResult> PostComment([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.PostComments)] HttpRequest req, string postId, CancellationToken ct) => endpoints.PostAsync(req, postId, ct);

    [Function("GetComments")]
    public Task<IResult> GetComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.PostComments)] HttpRequest req, string postId, CancellationToken ct) => endpoints.GetAsync(req, postId, ct);

    [Function("GetCommentCounts")]
    public Task<IResult> GetCommentCounts([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.CommentCounts)] HttpRequest req, CancellationToken ct) => endpoints.CountsAsync(req, ct);

    [Function("GetCommentStatus")]
    public Task<IResult> GetCommentStatus([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.PostCommentsStatus)] HttpRequest req, string postId, CancellationToken ct) => statusEndpoints.StatusAsync(req, postId, ct);
}
