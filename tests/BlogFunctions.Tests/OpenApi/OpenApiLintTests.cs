using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.OpenApi;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>
/// The document passes Redocly's recommended ruleset with no error and no warning. Rules the
/// document cannot follow are switched off in redocly.yaml, each with the reason beside it.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task Redocly_recommended_ruleset_finds_nothing()
    {
        var json = new OpenApiDocumentBuilder(new RouteTable(ApiRoutes.All)).Json;
        var problems = await RedoclyLint.RunAsync(json, TestContext.Current.CancellationToken);
        var errors = problems.Count(p => p.Severity == "error");
        var warnings = problems.Count(p => p.Severity == "warn");
        Assert.True(problems.Count == 0,
            $"redocly lint: {errors} error(s), {warnings} warning(s)\n" + string.Join('\n', problems));
    }
}
