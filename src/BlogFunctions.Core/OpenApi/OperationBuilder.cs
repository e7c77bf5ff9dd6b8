using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.OpenApi;

/// <summary>One operation of the document, from one <see cref="ApiRoute"/>'s declarations.</summary>
internal static partial class OperationBuilder
{
    public const string SchemeName = "moderatorKey";

    public static JsonObject Build(ApiRoute route, SchemaComponents schemas)
    {
        var operation = new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = route.Summary,
            ["parameters"] = Parameters(route),
        };
        if (route.Request.Count > 0)
        {
            var content = new JsonObject();
            foreach (var body in route.Request)
            {
                content[body.MediaType] = new JsonObject { ["schema"] = RequestSchema(body, schemas) };
            }
            // A form carrying a link's token may leave it to the query instead.
            operation["requestBody"] = new JsonObject { ["required"] = route.Request.All(b => b.Fields.Count == 0), ["content"] = content };
        }
        operation["responses"] = ResponseSet.Build(ResponseSet.WithPipeline(route), schemas);
        operation["x-access"] = route.Access.ToString().ToLowerInvariant();
        // Public routes say so explicitly ([]), so a client generator never guesses.
        operation["security"] = route.Access == RouteAccess.Moderator
            ? new JsonArray(new JsonObject { [SchemeName] = new JsonArray() })
            : new JsonArray();
        return operation;
    }

    private static JsonArray Parameters(ApiRoute route)
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
        foreach (var p in route.Parameters)
        {
            JsonNode schema = p.Maximum is { } max
                ? new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = max }
                : new JsonObject { ["type"] = "string" };
            if (p.Repeated)
            {
                schema = new JsonObject { ["type"] = "array", ["items"] = schema };
            }
            parameters.Add(new JsonObject
            {
                ["name"] = p.Name,
                ["in"] = p.In,
                ["description"] = p.Description,
                ["required"] = p.Required,
                ["schema"] = schema,
            });
        }
        return parameters;
    }

    private static JsonNode RequestSchema(ApiContent body, SchemaComponents schemas)
    {
        if (body.Body is { } type)
        {
            return schemas.For(type, response: false);
        }
        if (body.Fields.Count == 0)
        {
            // An opaque body (an uploaded file): bytes of that media type, no JSON schema to check.
            return new JsonObject { ["type"] = "string", ["contentMediaType"] = body.MediaType };
        }
        var properties = new JsonObject();
        foreach (var field in body.Fields)
        {
            properties[field] = new JsonObject { ["type"] = "string" };
        }
        return new JsonObject { ["type"] = "object", ["properties"] = properties };
    }

    internal static string Key(int status) => status.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
