using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.OpenApi;

/// <summary>
/// Builds the OpenAPI document from <see cref="ApiRoutes.All"/> rather than from a host's
/// endpoint metadata, so Azure Functions and the SelfHost publish the identical document.
/// </summary>
public static partial class OpenApiDocumentBuilder
{
    private static readonly Lazy<string> Document = new(Build);

    public static string Json => Document.Value;

    private static string Build()
    {
        var paths = new JsonObject();
        foreach (var route in ApiRoutes.All.OrderBy(r => r.Template, StringComparer.Ordinal))
        {
            var path = "/" + Routes.Prefix + "/" + route.Template;
            if (paths[path] is not JsonObject item)
            {
                item = new JsonObject();
                paths[path] = item;
            }
            item[route.Method.ToLowerInvariant()] = Operation(route);
        }
        var doc = new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "BlogFunctions",
                ["version"] = "1.0",
                ["description"] = "Comments and newsletter API. Errors are application/problem+json with a stable 'code'.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["moderatorKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" },
                },
            },
        };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Operation(ApiRoute route)
    {
        var parameters = new JsonArray();
        foreach (Match m in RouteParameter().Matches(route.Template))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = m.Groups[1].Value,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }
        var op = new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = route.Summary,
            ["parameters"] = parameters,
            ["x-access"] = route.Access.ToString().ToLowerInvariant(),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "Success",
                    ["content"] = new JsonObject { [route.ContentType] = new JsonObject() },
                },
                ["default"] = new JsonObject
                {
                    ["description"] = "Error",
                    ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject() },
                },
            },
        };
        if (route.Access == RouteAccess.Moderator)
        {
            op["security"] = new JsonArray(new JsonObject { ["moderatorKey"] = new JsonArray() });
        }
        return op;
    }

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
