using BlogFunctions.Core.Newsletter.Posts;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>A confirmed subscriber as addressed at send time.</summary>
internal sealed record NewsletterRecipient(string Key, string Email, string? Name);

/// <summary>One chunk of one post (or weekly digest), to be sent as one request.</summary>
internal sealed record NewsletterBatch(PostEntity Post, int Chunk, IReadOnlyList<NewsletterRecipient> Recipients)
{
    /// <summary>A weekly digest's chunk: the posts it lists, oldest first; empty for a post's chunk.</summary>
    public IReadOnlyList<PostEntity> Digest { get; init; } = [];
}

internal enum SendOutcome
{
    /// <summary>Accepted (SendGrid's 202).</summary>
    Sent,

    /// <summary>Known not to be accepted: safe to send again.</summary>
    Failed,

    /// <summary>The request may have been accepted (connection dropped after it left, timeout).</summary>
    Uncertain,
}

internal sealed record SendResult(SendOutcome Outcome, string? MessageId = null, string? Error = null);

/// <summary>Sends one chunk: SendGrid in production, the dev outbox when no API key is set.</summary>
internal interface INewsletterTransport
{
    /// <summary>Never throws for delivery problems; says what is known about the outcome instead.</summary>
    Task<SendResult> SendAsync(NewsletterBatch batch, CancellationToken cancellationToken);
}
