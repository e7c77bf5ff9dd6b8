using BlogFunctions.Core.Http;
using BlogFunctions.Core.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class PlatformFunctions(ApiPipeline api)
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PlatformApi.HealthTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(PlatformApi.Health, req, ct);

    [Function("OpenApi")]
    public Task<IResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OpenApiApi.Template)] HttpRequest req, CancellationToken ct) => api.RunAsync(OpenApiApi.OpenApi, req, ct);

    // The host answers a path no function matches with an empty 404; this catch-all (routed after
    // every literal route) makes it the same problem+json 404 the SelfHost answers.
    [Function("NotFound")]
    public Task<IResult> NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = Routes.Unmatched)] HttpRequest req, CancellationToken ct) => api.RunAsync(PlatformApi.NotFound, req, ct);

    [Function("Preflight")]
    public static IResult Preflight([HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = Routes.Preflight)] HttpRequest req) => PlatformApi.Preflight(req);
}
