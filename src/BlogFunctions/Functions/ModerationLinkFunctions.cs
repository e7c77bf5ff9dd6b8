using BlogFunctions.Core.Http;
using BlogFunctions.Core.Moderation.Digest;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class ModerationLinkFunctions(ApiPipeline api)
{
    [Function("ModerationActionPage")]
    public Task<IResult> Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ModerationLinksApi.ActionTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationLinksApi.ModerationActionPage, req, ct);

    [Function("ModerationAction")]
    public Task<IResult> Act([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ModerationLinksApi.ActionTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ModerationLinksApi.ModerationAction, req, ct);
}
