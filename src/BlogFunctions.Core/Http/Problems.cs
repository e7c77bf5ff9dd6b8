using System.Globalization;
using BlogFunctions.Core.Domain;

namespace BlogFunctions.Core.Http;

/// <summary>problem+json results (RFC 9457) that always carry a stable <c>code</c> extension.</summary>
internal static class Problems
{
    public static IResult Create(int status, string code, string title, string? detail = null,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var ext = new Dictionary<string, object?> { ["code"] = code };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                ext[key] = value;
            }
        }
        return Results.Problem(detail: detail, statusCode: status, title: title, extensions: ext);
    }

    public static IResult From(ProblemException e)
    {
        var result = Create(e.Status, e.Code, e.Title, e.Detail, e.Extensions);
        return e.RetryAfterSeconds is { } seconds ? result.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)) : result;
    }

    /// <summary>
    /// The one mapping of domain refusals to HTTP: the kind picks the status, everything else
    /// (code, title, detail, extensions, Retry-After) comes from the exception unchanged.
    /// </summary>
    internal static IResult From(DomainException e) => From(ToProblem(e));

    /// <summary>The same mapping, for a handler that renders the refusal itself (an HTML page).</summary>
    internal static ProblemException ToProblem(DomainException e)
    {
        var problem = new ProblemException(StatusOf(e), e.Code, e.Title, e.Detail)
        {
            RetryAfterSeconds = (e as RateLimitedException)?.RetryAfterSeconds,
        };
        foreach (var (key, value) in e.Extensions)
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }

    private static int StatusOf(DomainException e) => e switch
    {
        InvalidInputException => StatusCodes.Status400BadRequest,
        ConflictException => StatusCodes.Status409Conflict,
        PreconditionFailedException => StatusCodes.Status412PreconditionFailed,
        RateLimitedException => StatusCodes.Status429TooManyRequests,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "No status for this domain exception."),
    };

    public static IResult Unauthorized() =>
        Create(401, "unauthorized", "Authentication required", "Send 'Authorization: Bearer <moderator key>'.")
            .WithHeader("WWW-Authenticate", "Bearer");

    public static IResult StorageUnavailable(int retryAfterSeconds) =>
        Create(503, "storage_unavailable", "Storage is temporarily unavailable",
            "Nothing was stored. Retry after the number of seconds in Retry-After.")
            .WithHeader("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture));

    public static IResult Internal() => Create(500, "internal_error", "Unexpected error",
        "The error was logged. Nothing is known to be stored.");
}
