using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.OpenApi;
using Json.Schema;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>
/// The OpenAPI document as a checker of responses: finds the operation of a method and path,
/// the response declared for a status, and validates a body against that response's schema
/// (JsonSchema.Net, draft 2020-12, the dialect of OpenAPI 3.1). The document is the one both hosts
/// serve (OpenApiDocumentTests proves they serve this very text).
/// </summary>
public sealed partial class OpenApiContract
{
    private readonly JsonObject _components;
    private readonly List<(string Method, Regex Path, int Parameters, string Template, JsonObject Operation)> _operations = [];
    private readonly ConcurrentDictionary<string, Lazy<JsonSchema>> _schemas = new(StringComparer.Ordinal);

    public OpenApiContract(string document)
    {
        Document = document;
        var root = JsonNode.Parse(document)!.AsObject();
        _components = root["components"]!["schemas"]!.AsObject();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Parameter().Replace(Regex.Escape(path).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$");
            foreach (var (method, operation) in item!.AsObject())
            {
                _operations.Add((method.ToUpperInvariant(), pattern, Parameter().Count(path), path, operation!.AsObject()));
            }
        }
    }

    public static OpenApiContract Current { get; } = new(new OpenApiDocumentBuilder(new RouteTable(ApiRoutes.All)).Json);

    public string Document { get; }

    /// <summary>The operation's template (e.g. /api/posts/{postId}/comments) and JSON, or null when no operation has them.</summary>
    public (string Template, JsonObject Operation)? Find(string method, string path)
    {
        var match = _operations.Where(o => o.Method == method && o.Path.IsMatch(path)).OrderBy(o => o.Parameters).FirstOrDefault();
        return match.Operation is null ? null : (match.Template, match.Operation);
    }

    /// <summary>The media types declared for that status (empty: no body), or null when the status is not declared.</summary>
    public static IReadOnlyList<string>? MediaTypes(JsonObject operation, int status) =>
        operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response ? null
            : response["content"] is JsonObject content ? [.. content.Select(c => c.Key)] : [];

    /// <summary>Schema errors of <paramref name="body"/> against the declared schema; empty when it conforms.</summary>
    public IReadOnlyList<string> Validate(string template, string method, int status, string mediaType, JsonElement body)
    {
        var key = $"{method} {template} {status} {mediaType}";
        var schema = _schemas.GetOrAdd(key, k => new Lazy<JsonSchema>(() => Build(k, template, method, status, mediaType))).Value;
        var results = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        return [.. (results.Details ?? []).Append(results).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} ({d.EvaluationPath})"))];
    }

    /// <summary>Validates against the shared problem schema, for a path no operation has (the route_not_found 404).</summary>
    public IReadOnlyList<string> ValidateProblem(JsonElement body) => Validate("", "", 0, ApiContent.Problem, body);

    // The response's schema on its own, with the document's components as $defs so its $refs resolve.
    private JsonSchema Build(string key, string template, string method, int status, string mediaType)
    {
        var schema = template.Length == 0
            ? SchemaComponents.Ref(ProblemSchema.Name)
            : _operations.First(o => o.Method == method && o.Template == template).Operation
                ["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!
                ["content"]![mediaType]!["schema"]!.DeepClone().AsObject();
        var text = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = _components.DeepClone(),
            ["allOf"] = new JsonArray(schema),
        }.ToJsonString().Replace("\"" + SchemaComponents.Prefix, "\"#/$defs/", StringComparison.Ordinal);
        var uri = new Uri("https://contract.test/" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(key)))[..16]);
        return JsonSchema.FromText(text, baseUri: uri);
    }

    [GeneratedRegex(@"\{\*?[A-Za-z0-9_]+\}")]
    private static partial Regex Parameter();
}
