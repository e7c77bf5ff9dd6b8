namespace BlogFunctions.Core.Http;

/// <summary>
/// Thrown by validation deep inside a handler; <see cref="ApiPipeline"/> turns it into a
/// problem+json response with the stable <see cref="Code"/> that clients switch on.
/// </summary>
internal sealed class ProblemException : Exception
{
    public ProblemException(int status, string code, string title, string? detail = null)
        : base(detail ?? title)
    {
        Status = status;
        Code = code;
        Title = title;
        Detail = detail;
    }

    public ProblemException() : this(400, "bad_request", "Bad request") { }

    public ProblemException(string message) : this(400, "bad_request", "Bad request", message) { }

    public ProblemException(string message, Exception innerException) : base(message, innerException)
    {
        Status = 400;
        Code = "bad_request";
        Title = "Bad request";
        Detail = message;
    }

    public int Status { get; }
    public string Code { get; }
    public string Title { get; }
    public string? Detail { get; }

    /// <summary>Extra members for the problem document, e.g. the field that failed validation.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>Seconds for a Retry-After header (429, 503).</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ProblemException Validation(string code, string detail, string? field = null)
    {
        var e = new ProblemException(400, code, "The request is not valid", detail);
        if (field is not null)
        {
            e.Extensions["field"] = field;
        }
        return e;
    }

    public static ProblemException NotFound(string code, string detail) => new(404, code, "Not found", detail);
}
