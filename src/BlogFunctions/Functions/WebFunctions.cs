using BlogFunctions.Core.Http;
using BlogFunctions.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class WebFunctions(WebEndpoints endpoints)
{
    [Function("EmbedComments")]
    public Task<IResult> EmbedComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EmbedComments)] HttpRequest req) => endpoints.CommentsScriptAsync(req);

    [Function("EmbedCommentsCss")]
    public Task<IResult> EmbedCommentsCss([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EmbedCommentsCss)] HttpRequest req) => endpoints.CommentsStyleAsync(req);

    [Function("EmbedCount")]
    public Task<IResult> EmbedCount([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.EmbedCount)] HttpRequest req) => endpoints.CountScriptAsync(req);

    [Function("ModerationUi")]
    public Task<IResult> ModerationUi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationUi)] HttpRequest req) => endpoints.ModerationPageAsync(req);
}
