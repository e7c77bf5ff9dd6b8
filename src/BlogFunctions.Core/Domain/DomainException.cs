namespace BlogFunctions.Core.Domain;

/// <summary>
/// A refusal by a store or a domain service, in domain terms. It carries what a client switches
/// on (the stable <see cref="Code"/>) and the words it shows (<see cref="Title"/>, <see cref="Detail"/>),
/// but no transport: the HTTP edge maps each kind to a status once (Http/Problems.From).
/// Internal: no caller outside this assembly throws or catches them.
/// </summary>
internal abstract class DomainException : Exception
{
    protected DomainException(string code, string title, string detail)
        : base(detail)
    {
        Code = code;
        Title = title;
        Detail = detail;
    }

    public string Code { get; }
    public string Title { get; }
    public string Detail { get; }

    /// <summary>Further facts for the client, in the order they should appear (e.g. the field at fault).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();
}

/// <summary>The input breaks a rule only the domain can check (a parent that is not approved, a stale cursor).</summary>
internal sealed class InvalidInputException : DomainException
{
    public const string DefaultTitle = "The request is not valid";

    public InvalidInputException(string code, string detail, string? field = null, string title = DefaultTitle)
        : base(code, title, detail)
    {
        if (field is not null)
        {
            Extensions["field"] = field;
        }
    }
}

/// <summary>The caller acted on a version of the data that is no longer current (a stale ETag).</summary>
internal sealed class PreconditionFailedException(string code, string title, string detail)
    : DomainException(code, title, detail);

/// <summary>A concurrent change won; acting now would overwrite it.</summary>
internal sealed class ConflictException(string code, string title, string detail)
    : DomainException(code, title, detail);

/// <summary>Too many attempts: try again after <see cref="RetryAfterSeconds"/>.</summary>
internal sealed class RateLimitedException(string code, string title, string detail, int retryAfterSeconds)
    : DomainException(code, title, detail)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
