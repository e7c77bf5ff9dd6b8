using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The HTTP routes the host builds from the worker's own function metadata: each httpTrigger's
/// route (the function name when it has none) under host.json's <c>extensions.http.routePrefix</c>,
/// limited to its methods, more specific templates first (literal segments before parameters,
/// a catch-all last), as ASP.NET Core routing orders them in the host.
/// </summary>
internal sealed class HttpFunctionRoutes
{
    private readonly List<(IndexedFunction Function, TemplateMatcher Matcher, HashSet<string>? Methods)> _routes;

    public HttpFunctionRoutes(IEnumerable<IndexedFunction> functions, string routePrefix)
    {
        _routes = functions
            .Where(f => (string?)f.Trigger["type"] == "httpTrigger")
            .Select(f =>
            {
                var route = (string?)f.Trigger["route"] ?? f.Name;
                var template = TemplateParser.Parse(string.Join('/', new[] { routePrefix, route }.Where(s => s.Length > 0)));
                var methods = f.Trigger["methods"] is JsonArray list
                    ? list.Select(m => (string)m!).ToHashSet(StringComparer.OrdinalIgnoreCase)
                    : null;
                return (f, new TemplateMatcher(template, new RouteValueDictionary()), methods, RoutePrecedence.ComputeInbound(template));
            })
            .OrderBy(r => r.Item4)
            .Select(r => (r.f, r.Item2, r.methods))
            .ToList();
    }

    public bool TryMatch(HttpRequest request, out IndexedFunction function, out RouteValueDictionary values)
    {
        foreach (var (candidate, matcher, methods) in _routes)
        {
            if (methods is not null && !methods.Contains(request.Method))
            {
                continue;
            }
            values = new RouteValueDictionary();
            if (matcher.TryMatch(request.Path, values))
            {
                function = candidate;
                return true;
            }
        }
        function = null!;
        values = null!;
        return false;
    }

    /// <summary>host.json's route prefix ("api" when host.json names none), read from the built app's folder.</summary>
    public static string PrefixFrom(string appDirectory)
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(appDirectory, "host.json")));
        return (string?)hostJson?["extensions"]?["http"]?["routePrefix"] ?? "api";
    }
}
