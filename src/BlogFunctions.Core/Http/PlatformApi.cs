using System.Text.Json;
using System.Text.Json.Serialization;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Http;

/// <summary>
/// The routes every host needs, each declared once: health, plus the two
/// the hosts map apart from the route table: the catch-all <see cref="NotFound"/> and the
/// CORS <see cref="Preflight"/>.
/// </summary>
internal static class PlatformApi
{
    public const string HealthTemplate = "health";

    public static ApiRoute Health { get; } = new("Health", "GET", HealthTemplate, RouteAccess.Public,
        "Reports whether storage answers (200) or not (503).",
        (r, ct) => r.Service<HealthHandler>().CheckAsync(ct))
    {
        Responses = [ApiResponse.Json(200, PlatformJson.Default.HealthStatus, "Storage answers")],
    };

    /// <summary>
    /// What a path under /api that no route matches (an id holding '/', a typo) gets, for any method
    /// but OPTIONS: a problem+json 404 like every other error, not an empty body. The SelfHost serves
    /// it as its fallback, the Functions app from its catch-all NotFound function, which the host
    /// matches last. Not in <see cref="Routes"/>: it is no route of the API document.
    /// </summary>
    public static ApiRoute NotFound { get; } = new("NotFound", "*", Http.Routes.Unmatched, RouteAccess.Public,
        "Any path no other route takes: a problem+json 404.",
        (_, _) => Task.FromResult(
            Problems.Create(404, "route_not_found", "No such route", "See /api/openapi.json for the routes and their methods.")))
    {
        Responses = [ApiResponse.Problem(404, "route_not_found")],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [Health];

    /// <summary>CORS preflight for any API path; both hosts route every OPTIONS request here, outside the pipeline.</summary>
    public static IResult Preflight(HttpRequest request) => request.Service<CorsPolicy>().Preflight(request);

    public sealed record HealthStatus(string Status);
}

/// <summary>Health: one row read from the first table, so a storage outage answers 503 through the pipeline.</summary>
internal sealed class HealthHandler(BlogTables tables)
{
    public async Task<IResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (tables.Names.Count > 0)
        {
            await foreach (var _ in tables[tables.Names[0]].QueryAsync<Azure.Data.Tables.TableEntity>(
                maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }
        return Results.Json(new PlatformApi.HealthStatus("ok"), PlatformJson.Default.HealthStatus);
    }
}

/// <summary>The platform routes' answers, generated at build time (no reflection on a cold start).</summary>
[JsonSerializable(typeof(PlatformApi.HealthStatus))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class PlatformJson : JsonSerializerContext;
