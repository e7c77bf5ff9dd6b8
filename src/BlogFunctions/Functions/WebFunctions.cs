using BlogFunctions.Core.Http;
using BlogFunctions.Core.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class WebFunctions(ApiPipeline api)
{
    [Function("EmbedComments")]
    public Task<IResult> EmbedComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebApi.EmbedCommentsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(WebApi.EmbedComments, req, ct);

    [Function("EmbedCommentsCss")]
    public Task<IResult> EmbedCommentsCss([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebApi.EmbedCommentsCssTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(WebApi.EmbedCommentsCss, req, ct);

    [Function("EmbedCount")]
    public Task<IResult> EmbedCount([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebApi.EmbedCountTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(WebApi.EmbedCount, req, ct);

    [Function("ModerationUi")]
    public Task<IResult> ModerationUi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WebApi.ModerationUiTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(WebApi.ModerationUi, req, ct);
}
