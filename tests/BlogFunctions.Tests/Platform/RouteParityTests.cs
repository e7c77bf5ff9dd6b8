using System.Reflection;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Http;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Platform;

/// <summary>
/// The Functions app cannot be compiled here, so its triggers are read as source: every
/// HttpTrigger must name a <see cref="Routes"/> constant, be anonymous (Core checks credentials),
/// and the set of (method, route) pairs must equal what the SelfHost serves.
/// </summary>
public sealed partial class RouteParityTests(BlogFixture stack)
{
    [Fact]
    public void Functions_app_and_SelfHost_expose_the_same_routes()
    {
        var selfHost = stack.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                $"{m.ToUpperInvariant()} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(r => r.Contains(" " + Routes.Prefix + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

        var functions = FunctionTriggers().Select(t => $"{t.Method} {Routes.Prefix}/{t.Route}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(functions);
        Assert.Equal(selfHost, functions);
    }

    [Fact]
    public void Every_trigger_is_anonymous_and_uses_a_route_constant()
    {
        var source = string.Join("\n", FunctionSources());
        var triggers = TriggerPattern().Matches(source);
        Assert.Equal(Regex.Count(source, @"\[HttpTrigger\("), triggers.Count);
        Assert.All(triggers, m => Assert.Equal("Anonymous", m.Groups["level"].Value));
    }

    [Fact]
    public void Every_api_route_has_a_function_of_the_same_name()
    {
        var names = Regex.Matches(string.Join("\n", FunctionSources()), @"\[Function\(""(?<name>\w+)""\)\]")
            .Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(ApiRoutes.All, r => Assert.Contains(r.Name, names));
    }

    private static IEnumerable<string> FunctionSources() =>
        Directory.EnumerateFiles(RepoPaths.Combine("src", "BlogFunctions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);

    private static IEnumerable<(string Method, string Route)> FunctionTriggers()
    {
        var constants = typeof(Routes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);
        foreach (Match m in TriggerPattern().Matches(string.Join("\n", FunctionSources())))
        {
            var route = constants[m.Groups["route"].Value];
            foreach (Capture method in m.Groups["method"].Captures)
            {
                yield return (method.Value.ToUpperInvariant(), route);
            }
        }
    }

    [GeneratedRegex(@"\[HttpTrigger\(AuthorizationLevel\.(?<level>\w+)(?:,\s*""(?<method>\w+)"")+,\s*Route\s*=\s*Routes\.(?<route>\w+)\)\]")]
    private static partial Regex TriggerPattern();
}
