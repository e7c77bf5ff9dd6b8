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

    [Function("Preflight")]
    public IResult Preflight([HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = Routes.Preflight)] HttpRequest req) => endpoints.Preflight(req);
}
