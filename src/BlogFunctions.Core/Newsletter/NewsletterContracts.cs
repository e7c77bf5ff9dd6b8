namespace BlogFunctions.Core.Newsletter;

// What the newsletter feature tells other features (webhooks) about: narrow, defined here where the
// events happen, so the listener depends on the newsletter and never the other way round.

/// <summary>A post's dispatch finished: every chunk of its plan is settled.</summary>
internal sealed record NewsletterSent(string PostKey, string PostId, string Title, string Url, int Recipients, DateTimeOffset CompletedAt);

/// <summary>
/// Told after a subscriber's confirmation or a post's completion is durably stored. The newsletter
/// registers a no-op; the webhooks feature replaces it. Must not throw and must not wait on anyone
/// outside: the state change it reports has already happened.
/// </summary>
internal interface INewsletterEvents
{
    /// <summary>After the write that moved a subscriber from pending to active; <paramref name="emailHash"/> is the row key, never the address.</summary>
    Task SubscriberConfirmedAsync(string emailHash, DateTimeOffset confirmedAt, CancellationToken cancellationToken);

    Task NewsletterSentAsync(NewsletterSent sent, CancellationToken cancellationToken);
}

/// <summary>The default: nobody watches.</summary>
internal sealed class NoNewsletterEvents : INewsletterEvents
{
    public Task SubscriberConfirmedAsync(string emailHash, DateTimeOffset confirmedAt, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task NewsletterSentAsync(NewsletterSent sent, CancellationToken cancellationToken) => Task.CompletedTask;
}
