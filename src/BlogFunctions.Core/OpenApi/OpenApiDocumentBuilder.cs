using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.OpenApi;

/// <summary>
/// Builds the OpenAPI document from the <see cref="RouteTable"/> rather than from a host's
/// endpoint metadata, so Azure Functions and the SelfHost publish the identical document.
/// </summary>
public sealed partial class OpenApiDocumentBuilder(RouteTable routes)
{
    private readonly Lazy<string> _document = new(() => Build(routes));

    public string Json => _document.Value;

    private static string Build(RouteTable routes)
    {
        var paths = new JsonObject();
        foreach (var route in routes.All.OrderBy(r => r.Template, StringComparer.Ordinal))
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
            // Relative: the document is served by the API it describes, under whatever host that is.
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
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
        var responses = new JsonObject();
        foreach (var status in route.Statuses)
        {
            responses[status.ToString(CultureInfo.InvariantCulture)] = status is 204 or 304
                ? new JsonObject { ["description"] = Describe(status) }
                : new JsonObject { ["description"] = Describe(status), ["content"] = new JsonObject { [route.ContentType] = new JsonObject() } };
        }
        if (route.Access == RouteAccess.Moderator)
        {
            responses["401"] = Problem("No or wrong moderator credentials");
        }
        responses["4XX"] = Problem("The request was refused; 'code' says why");
        responses["503"] = Problem("Storage is unavailable; retry after Retry-After seconds");
        return new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = route.Summary,
            ["parameters"] = parameters,
            ["x-access"] = route.Access.ToString().ToLowerInvariant(),
            ["responses"] = responses,
            // Public routes say so explicitly ([]), so a client generator never guesses.
            ["security"] = route.Access == RouteAccess.Moderator
                ? new JsonArray(new JsonObject { ["moderatorKey"] = new JsonArray() })
                : new JsonArray(),
        };
    }

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = new JsonObject { ["application/problem+json"] = new JsonObject() },
    };

    private static string Describe(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "Done; no content",
        304 => "Not modified since the ETag sent in If-None-Match",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
