using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.ArchitectureRules;

/// <summary>
/// The one mapping of domain exceptions to HTTP (Problems.From) answers byte for byte what the
/// stores and services answered when they threw ProblemException themselves: each case pairs a
/// domain exception with the ProblemException its throw site used to build.
/// </summary>
public sealed class DomainProblemMappingTests
{
    public static TheoryData<string> Cases() => new(Pairs.Keys);

    private static readonly Dictionary<string, (Func<DomainException> Domain, Func<ProblemException> Before)> Pairs = new()
    {
        ["stale"] = (() => new PreconditionFailedException("precondition_failed", "The comment has changed", "Read it again."),
            () => new ProblemException(412, "precondition_failed", "The comment has changed", "Read it again.")),
        ["conflict"] = (() => new ConflictException("moderation_conflict", "The comment was moderated meanwhile", "Someone else."),
            () => new ProblemException(409, "moderation_conflict", "The comment was moderated meanwhile", "Someone else.")),
        ["rate limited"] = (() => new RateLimitedException("rate_limited", "Too many comments", "Slow down.", 7),
            () => new ProblemException(429, "rate_limited", "Too many comments", "Slow down.") { RetryAfterSeconds = 7 }),
        ["invalid input with field"] = (() => new InvalidInputException("invalid_parent", "Not approved.", "parentId"),
            () => ProblemException.Validation("invalid_parent", "Not approved.", "parentId")),
        ["invalid input, own title and extensions"] = (() => new InvalidInputException("form_token_expired", "Send again.", "formToken",
                "The form has expired") { Extensions = { ["formToken"] = "t0k" } },
            () => new ProblemException(400, "form_token_expired", "The form has expired", "Send again.")
            {
                Extensions = { ["field"] = "formToken", ["formToken"] = "t0k" },
            }),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_domain_exception_answers_what_its_ProblemException_answered(string name)
    {
        var (domain, before) = Pairs[name];

        var now = await RenderAsync(Problems.From(domain()));
        var then = await RenderAsync(Problems.From(before()));

        Assert.Equal(then.Status, now.Status);
        Assert.Equal(then.RetryAfter, now.RetryAfter);
        Assert.Equal(then.ContentType, now.ContentType);
        Assert.Equal(then.Body, now.Body);
    }

    [Fact]
    public async Task Rate_limits_carry_Retry_After()
    {
        var response = await RenderAsync(Problems.From(new RateLimitedException("rate_limited", "Too many", "Later.", 3)));

        Assert.Equal(429, response.Status);
        Assert.Equal("3", response.RetryAfter);
        Assert.Contains("\"code\":\"rate_limited\"", response.Body, StringComparison.Ordinal);
    }

    private static async Task<(int Status, string? RetryAfter, string? ContentType, string Body)> RenderAsync(IResult result)
    {
        await using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        // A fixed trace id: problem details may carry it, and two renders must be comparable.
        var context = new DefaultHttpContext { RequestServices = services, TraceIdentifier = "trace" };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        var retryAfter = context.Response.Headers.RetryAfter.ToString();
        return (context.Response.StatusCode, retryAfter.Length == 0 ? null : retryAfter, context.Response.ContentType,
            System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
