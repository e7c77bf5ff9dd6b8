using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class PlatformFunctions(PlatformEndpoints endpoints)
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Health)] HttpRequest req, CancellationToken ct) => endpoints.HealthAsync(req, ct);

    [Function("OpenApi")]
    public Task<IResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenApi)] HttpRequest req) => endpoints.OpenApiAsync(req);

    // The host answers a path no function matches with an empty 404; this catch-all (routed after
    // every literal route) makes it the same problem+json 404 the SelfHost answers.
    [Function("NotFound")]
    public Task<IResult> NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = Routes.Unmatched)] HttpRequest req) => endpoints.NotFoundAsync(req);

    [Function("Preflight")]
    public IResult Preflight([HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = Routes.Preflight)] HttpRequest req) => endpoints.Preflight(req);
}
