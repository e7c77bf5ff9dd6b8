using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.OpenApi;

/// <summary>The API's own description: GET /api/openapi.json, built once from the route table.</summary>
internal static class OpenApiApi
{
    public const string Template = "openapi.json";

    public static ApiRoute OpenApi { get; } = new("OpenApi", "GET", Template, RouteAccess.Public,
        "This API's OpenAPI 3.1 document.",
        (r, _) => Task.FromResult(Results.Text(r.Service<OpenApiDocumentBuilder>().Json, ApiContent.Json)))
    {
        Responses = [ApiResponse.Media(200, ApiContent.Json, "This document")],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [OpenApi];
}
