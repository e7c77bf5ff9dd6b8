namespace BlogFunctions.Tests.Infrastructure;

/// <summary>What the sink does with one request instead of accepting it normally.</summary>
public enum SinkFaultKind
{
    /// <summary>No fault: validate and accept (lets a queue say "the 3rd request fails").</summary>
    None,

    /// <summary>429 with Retry-After and X-RateLimit-* headers; nothing is sent.</summary>
    RateLimited,

    /// <summary>500; nothing is sent.</summary>
    ServerError,

    /// <summary>503; nothing is sent.</summary>
    Unavailable,

    /// <summary>Reads the request, then aborts the connection without recording it (nothing was sent).</summary>
    DropBeforeAccept,

    /// <summary>Reads and records the request as sent, then aborts the connection: the client cannot know it went out.</summary>
    DropAfterAccept,

    /// <summary>
    /// Reads and records the request as sent, then holds the answer until <see cref="SendGridSink.ReleaseHeld"/>:
    /// a send in flight, for a test that kills the sender meanwhile.
    /// </summary>
    HoldAfterAccept,
}

/// <summary>A fault to inject; <see cref="RetryAfter"/> applies to 429.</summary>
public sealed record SinkFault(SinkFaultKind Kind, TimeSpan? RetryAfter = null)
{
    public static SinkFault None { get; } = new(SinkFaultKind.None);
    public static SinkFault RateLimited(TimeSpan? retryAfter = null) => new(SinkFaultKind.RateLimited, retryAfter ?? TimeSpan.FromSeconds(1));
    public static SinkFault ServerError { get; } = new(SinkFaultKind.ServerError);
    public static SinkFault Unavailable { get; } = new(SinkFaultKind.Unavailable);
    public static SinkFault DropBeforeAccept { get; } = new(SinkFaultKind.DropBeforeAccept);
    public static SinkFault DropAfterAccept { get; } = new(SinkFaultKind.DropAfterAccept);
}

public sealed record SinkAddress(string Email, string? Name);

public sealed record SinkContent(string Type, string Value);

/// <summary>One personalization of an accepted request, as SendGrid would expand it.</summary>
public sealed record SinkPersonalization(
    IReadOnlyList<SinkAddress> To,
    IReadOnlyList<SinkAddress> Cc,
    IReadOnlyList<SinkAddress> Bcc,
    string? Subject,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Substitutions,
    IReadOnlyDictionary<string, string> CustomArgs);

/// <summary>One accepted POST /v3/mail/send, parsed.</summary>
public sealed record SinkRequest(
    string MessageId,
    DateTimeOffset ReceivedAt,
    SinkAddress From,
    SinkAddress? ReplyTo,
    string? Subject,
    string? TemplateId,
    IReadOnlyList<SinkContent> Content,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs,
    IReadOnlyList<string> Categories,
    IReadOnlyList<SinkPersonalization> Personalizations)
{
    /// <summary>Every email this request produced: one per "to" address, with personalization and root merged.</summary>
    public IEnumerable<SinkMessage> Messages()
    {
        foreach (var p in Personalizations)
        {
            var headers = Merge(Headers, p.Headers);
            var args = Merge(CustomArgs, p.CustomArgs);
            var subject = Substitute(p.Subject ?? Subject ?? "", p.Substitutions);
            var text = Content.FirstOrDefault(c => c.Type == "text/plain")?.Value;
            var html = Content.FirstOrDefault(c => c.Type == "text/html")?.Value;
            foreach (var to in p.To.Concat(p.Cc).Concat(p.Bcc))
            {
                yield return new SinkMessage(MessageId, to, From, subject,
                    text is null ? null : Substitute(text, p.Substitutions),
                    html is null ? null : Substitute(html, p.Substitutions),
                    headers, args);
            }
        }
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> root, IReadOnlyDictionary<string, string> own)
    {
        var merged = new Dictionary<string, string>(root, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in own)
        {
            merged[k] = v;
        }
        return merged;
    }

    private static string Substitute(string value, IReadOnlyDictionary<string, string> substitutions)
    {
        foreach (var (k, v) in substitutions)
        {
            value = value.Replace(k, v, StringComparison.Ordinal);
        }
        return value;
    }
}

/// <summary>One email as a recipient would get it (substitutions applied, headers merged).</summary>
public sealed record SinkMessage(
    string MessageId,
    SinkAddress To,
    SinkAddress From,
    string Subject,
    string? Text,
    string? Html,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> CustomArgs);
