using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Hosting;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.OpenApi;

/// <summary>The document both hosts serve is the generated one, and its problem codes are the source's.</summary>
public abstract partial class OpenApiDocumentTests(BlogFixture stack, HostKind kind)
{
    [Fact]
    public async Task The_host_serves_the_document_the_contract_tests_check_against()
    {
        var served = await stack.Host(kind).Client.GetStringAsync(new Uri("api/openapi.json", UriKind.Relative),
            TestContext.Current.CancellationToken);
        Assert.Equal(OpenApiContract.Current.Document, served);
    }

    [Fact]
    public void Every_route_declares_a_success_a_4xx_when_it_takes_input_and_a_schema_for_every_answer()
    {
        var paths = JsonNode.Parse(OpenApiContract.Current.Document)!["paths"]!.AsObject();
        foreach (var route in ApiRoutes.All)
        {
            Assert.Contains(route.Responses, r => r.Status is >= 200 and < 400);
            // redocly.yaml leaves operation-4xx-response off for the routes that need no input; these need some.
            if (route.Template.Contains('{', StringComparison.Ordinal) || route.Parameters.Any(p => p.Required) || route.Request.Count > 0)
            {
                Assert.True(route.Responses.Any(r => r.Status is >= 400 and < 500), $"{route.Name} takes input but declares no 4xx");
            }
            var responses = paths["/api/" + route.Template]![route.Method.ToLowerInvariant()]!["responses"]!.AsObject();
            foreach (var (status, response) in responses)
            {
                foreach (var (media, content) in response!["content"]?.AsObject() ?? [])
                {
                    Assert.True(content!["schema"] is JsonObject, $"{route.Name} {status} {media} has no schema");
                }
            }
        }
    }

    [Fact]
    public void The_problem_code_enum_is_every_code_the_source_gives()
    {
        var source = Directory.EnumerateFiles(RepoPaths.Combine("src", "BlogFunctions.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => ProblemCode().Matches(File.ReadAllText(f)).Select(m => m.Groups["code"].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(source.Count >= 30, $"the scan found only {source.Count} codes: has the way problems are raised changed?");
        var declared = JsonNode.Parse(OpenApiContract.Current.Document)!["components"]!["schemas"]!["Problem"]!["properties"]!["code"]!["enum"]!
            .AsArray().Select(c => (string)c!).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(source.Except(declared).Order());
        Assert.Empty(declared.Except(source).Order());
    }

    // A code is the first string argument of a problem factory or domain refusal (after the status,
    // if any), the value returned by an expression-bodied factory of one, or PageCursor's constant.
    [GeneratedRegex("""(?:\b(?:Validation|NotFound|Create|ProblemException|InvalidInputException|ConflictException|PreconditionFailedException|RateLimitedException)\(|Exception\s+\w+\([^)]*\)\s*=>\s*new\(|const string Code = )\s*(?:\d{3},\s*)?"(?<code>[a-z]+(?:_[a-z]+)*)"(?!\s*\+)""")]
    private static partial Regex ProblemCode();
}

public sealed class OpenApiDocumentTestsOnSelfHost(BlogFixture stack) : OpenApiDocumentTests(stack, HostKind.SelfHost);

public sealed class OpenApiDocumentTestsOnFunctions(BlogFixture stack) : OpenApiDocumentTests(stack, HostKind.Functions);
