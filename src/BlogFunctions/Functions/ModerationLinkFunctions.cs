using BlogFunctions.Core.Http;
using BlogFunctions.Core.Moderation.Notices;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class ModerationLinkFunctions(ModerationLinkEndpoints endpoints)
{
    [Function("ModerationActionPage")]
    public Task<IResult> Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationAction)] HttpRequest req, CancellationToken ct) => endpoints.PageAsync(req, ct);

    [Function("ModerationAction")]
    public Task<IResult> Act([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.ModerationAction)] HttpRequest req, CancellationToken ct) => endpoints.ActAsync(req, ct);
}
