using System.Text.Json;
using System.Text.Json.Nodes;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.OpenApi;

/// <summary>
/// Builds the OpenAPI document from the <see cref="RouteTable"/> rather than from a host's
/// endpoint metadata, so Azure Functions and the SelfHost publish the identical document. Every
/// operation, schema and problem code comes from what the routes declare (<see cref="ApiRoute"/>);
/// nothing in it is written by hand.
/// </summary>
internal sealed class OpenApiDocumentBuilder(RouteTable routes)
{
    private readonly Lazy<string> _document = new(() => Build(routes));

    public string Json => _document.Value;

    private static string Build(RouteTable routes)
    {
        var schemas = new SchemaComponents();
        var paths = new JsonObject();
        foreach (var route in routes.All.OrderBy(r => r.Template, StringComparer.Ordinal))
        {
            var path = "/" + Routes.Prefix + "/" + route.Template;
            if (paths[path] is not JsonObject item)
            {
                item = new JsonObject();
                paths[path] = item;
            }
            item[route.Method.ToLowerInvariant()] = OperationBuilder.Build(route, schemas);
        }
        // Every code a route declares, and the unmatched path's, which is no operation of its own.
        var codes = routes.All.Append(PlatformApi.NotFound).SelectMany(ResponseSet.WithPipeline)
            .SelectMany(r => r.Content?.Codes ?? []);
        schemas.Add(ProblemSchema.Name, ProblemSchema.Build(codes));
        var doc = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "BlogFunctions",
                ["version"] = "1.0",
                ["description"] = "Comments and newsletter API. Errors are application/problem+json with a stable 'code'.",
            },
            // Relative: the document is served by the API it describes, under whatever host that is.
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.ToJson(),
                ["securitySchemes"] = new JsonObject
                {
                    [OperationBuilder.SchemeName] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["description"] = "A moderator key (Moderation:Keys), sent as 'Authorization: Bearer <key>'.",
                    },
                },
            },
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
