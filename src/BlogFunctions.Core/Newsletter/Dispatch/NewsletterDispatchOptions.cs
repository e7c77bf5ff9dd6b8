using System.ComponentModel.DataAnnotations;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>Settings of the new-post newsletter: where posts come from, when it runs, how it sends.</summary>
internal sealed class NewsletterDispatchOptions
{
    public const string Section = "Newsletter";

    /// <summary>
    /// The default of <see cref="Schedule"/>: hourly (NCrontab, with seconds). New posts from
    /// POST /api/posts are queued at once; the feed is read at this pace, and the sync also
    /// re-queues any open post whose messages were lost.
    /// </summary>
    public const string DefaultSchedule = "0 0 * * * *";

    /// <summary>RSS 2.0 or Atom feed of the blog; empty for blogs that register posts with POST /api/posts.</summary>
    public string FeedUrl { get; set; } = "";

    /// <summary>Six-field NCrontab expression of the timer; empty disables the SelfHost's timer.</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>New items published longer ago than this are recorded but not sent.</summary>
    [Range(0, 3650)]
    public int MaxAgeDays { get; set; } = 3;

    /// <summary>The day of the weekly digest (a <see cref="DayOfWeek"/> name, UTC).</summary>
    public DayOfWeek DigestDay { get; set; } = DayOfWeek.Monday;

    /// <summary>The UTC hour of that day at which the hourly sync queues the week's digest.</summary>
    [Range(0, 23)]
    public int DigestHour { get; set; } = 8;

    /// <summary>Recipients per SendGrid request; SendGrid allows at most 1,000 personalizations.</summary>
    [Range(1, 1000)]
    public int ChunkSize { get; set; } = 1000;

    /// <summary>
    /// How long a claimed chunk may stay "sending" before another run concludes its sender died.
    /// Longer than one send including its retries, or a slow sender would be reported uncertain.
    /// </summary>
    [Range(0, 86_400)]
    public int ClaimTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// Chunks sent at the same time by one run. A few requests in flight hide SendGrid's latency;
    /// more buy little and make a 429 storm likelier.
    /// </summary>
    [Range(1, 16)]
    public int SendConcurrency { get; set; } = 4;

    /// <summary>
    /// How long the queue run that planned a post keeps sending its chunks from the addresses it
    /// read while planning. Each chunk's own send message becomes visible after this and sends
    /// what is left, re-reading its recipients. 0: every chunk from its message. Well under the
    /// 10-minute function timeout and message lease.
    /// </summary>
    [Range(0, 300)]
    public int PlannerSendSeconds { get; set; } = 120;

    /// <summary>Runs in a row that may fail a chunk (429/5xx after retries) before it waits for a moderator.</summary>
    [Range(1, 1000)]
    public int MaxChunkAttempts { get; set; } = 10;

    /// <summary>Retries within one run for 429 (honouring Retry-After) and 5xx answers.</summary>
    [Range(0, 10)]
    public int SendRetries { get; set; } = 4;

    /// <summary>First back-off delay of those retries in milliseconds (doubles, with jitter).</summary>
    [Range(0, 60_000)]
    public int SendRetryDelayMilliseconds { get; set; } = 1000;
}
