using BlogFunctions.Core.OpenApi;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Http;

/// <summary>Health, the OpenAPI document and CORS preflight: the routes every host needs.</summary>
public sealed class PlatformEndpoints(ApiPipeline pipeline, CorsPolicy cors, BlogTables tables)
{
    public static IReadOnlyList<ApiRoute> Routes { get; } =
    [
        new("Health", "GET", Http.Routes.Health, RouteAccess.Public,
            "Reports whether storage answers (200) or not (503).",
            (r, ct) => r.Service<PlatformEndpoints>().HealthAsync(r, ct)),
        new("OpenApi", "GET", Http.Routes.OpenApi, RouteAccess.Public,
            "This API's OpenAPI 3.1 document.",
            (r, ct) => r.Service<PlatformEndpoints>().OpenApiAsync(r)),
    ];

    public Task<IResult> HealthAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Public, async () =>
        {
            if (tables.Names.Count > 0)
            {
                await foreach (var _ in tables[tables.Names[0]].QueryAsync<Azure.Data.Tables.TableEntity>(
                    maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
                {
                    break;
                }
            }
            return Results.Ok(new HealthStatus("ok"));
        });

    public Task<IResult> OpenApiAsync(HttpRequest request) =>
        pipeline.RunAsync(request, RouteAccess.Public, () =>
            Task.FromResult(Results.Text(OpenApiDocumentBuilder.Json, "application/json")));

    /// <summary>
    /// What the SelfHost answers for a path under /api that no route matches (an id holding '/',
    /// a typo): a problem+json 404 like every other error, not an empty body. The Functions app
    /// gets the same through its catch-all NotFound function, which the host matches last.
    /// </summary>
    public Task<IResult> NotFoundAsync(HttpRequest request) =>
        pipeline.RunAsync(request, RouteAccess.Public, () => Task.FromResult(
            Problems.Create(404, "route_not_found", "No such route", "See /api/openapi.json for the routes and their methods.")));

    /// <summary>CORS preflight for any API path; both hosts route every OPTIONS request here.</summary>
    public IResult Preflight(HttpRequest request) => cors.Preflight(request);

    public sealed record HealthStatus(string Status);
}
