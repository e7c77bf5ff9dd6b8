namespace BlogFunctions.Core.Email;

/// <summary>
/// One email to one or more recipients. Each recipient becomes its own SendGrid personalization,
/// so recipients never see each other and each gets their own headers (List-Unsubscribe),
/// substitutions (their unsubscribe link in the body) and custom args.
/// </summary>
internal sealed record EmailMessage(string Subject, string Html, string Text, IReadOnlyList<EmailRecipient> Recipients)
{
    /// <summary>What the email is (confirmation, welcome, newsletter, moderator); sent as a SendGrid category.</summary>
    public string Kind { get; init; } = "transactional";

    /// <summary>Custom args common to every recipient (they come back in event webhooks).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
}

internal sealed record EmailRecipient(string Email, string? Name = null)
{
    /// <summary>Extra headers for this recipient only, e.g. <see cref="Newsletter.Subscribers.UnsubscribeLinks.HeadersFor"/>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Literal replacements in subject and bodies, e.g. an unsubscribe-URL placeholder.</summary>
    public IReadOnlyDictionary<string, string> Substitutions { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
}

/// <summary>How a send attempt ended, as far as this side can know.</summary>
internal enum EmailOutcome
{
    /// <summary>The provider accepted it (SendGrid 202) or the dev outbox wrote it.</summary>
    Sent,

    /// <summary>429: nothing was sent; retry after <see cref="EmailSendResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>5xx or no connection could be made: nothing was sent; retrying is safe.</summary>
    TransientFailure,

    /// <summary>4xx other than 429: the request itself is wrong; retrying will not help.</summary>
    PermanentFailure,

    /// <summary>The request left but no answer came back (dropped connection, timeout): it may or may not have gone out.</summary>
    Unknown,
}

internal sealed record EmailSendResult(EmailOutcome Outcome, string? MessageId = null, int? StatusCode = null,
    TimeSpan? RetryAfter = null, string? Error = null)
{
    public bool IsSent => Outcome == EmailOutcome.Sent;

    /// <summary>Safe to send again: nothing can have gone out.</summary>
    public bool IsRetryable => Outcome is EmailOutcome.RateLimited or EmailOutcome.TransientFailure;
}

/// <summary>
/// Sends one request (at most 1000 recipients) exactly once: no retries inside, so the caller
/// decides what a 429, a 5xx or an unknown outcome means for its own bookkeeping.
/// </summary>
internal interface IEmailSender
{
    /// <summary>Largest <see cref="EmailMessage.Recipients"/> count one call accepts (SendGrid's limit).</summary>
    const int MaxRecipientsPerMessage = 1000;

    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
