using System.Globalization;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// When the weekly digest is due, and its row. The hourly sync asks <see cref="DueAsync"/>: the
/// digest of the latest digest hour (Newsletter:DigestDay at DigestHour UTC) gets a row in the posts
/// table, keyed by its ISO week ("digest-2026-W49"), and a plan step for as long as it is not done,
/// so the week's one digest is planned (and, like a post, sent) once, and a sync that missed the
/// digest hour, or a lost message, catches up later in the same week.
/// </summary>
internal sealed partial class WeeklyDigest(PostStore posts, IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time,
    ILogger<WeeklyDigest> logger)
{
    // A timer that fires a moment early still counts as the digest hour (its plan step then waits for it).
    private static readonly TimeSpan Early = TimeSpan.FromMinutes(1);

    /// <summary>The digest hour at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset Latest(DateTimeOffset now, DayOfWeek day, int hour)
    {
        var utc = now.ToUniversalTime();
        var candidate = new DateTimeOffset(utc.Date, TimeSpan.Zero).AddHours(hour)
            .AddDays(-(((int)utc.DayOfWeek - (int)day + 7) % 7));
        return candidate > utc ? candidate.AddDays(-7) : candidate;
    }

    /// <summary>The key of the digest due at <paramref name="at"/>: its ISO week.</summary>
    public static string KeyFor(DateTimeOffset at) => PostKeys.Digest(ISOWeek.GetYear(at.UtcDateTime), ISOWeek.GetWeekOfYear(at.UtcDateTime));

    /// <summary>The digest to plan now and how long its plan step should wait, or null when this week's is done.</summary>
    public async Task<(string Key, TimeSpan Delay)?> DueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow();
        var at = Latest(now + Early, settings.DigestDay, settings.DigestHour);
        var key = KeyFor(at);
        var digest = await posts.GetAsync(key, cancellationToken);
        if (digest is null)
        {
            digest = new PostEntity
            {
                PartitionKey = PostEntity.DigestPartition,
                RowKey = key,
                PostId = key,
                Title = "Weekly digest " + key["digest-".Length..],
                Source = "digest",
                PublishedAt = at,
                FirstSeenAt = now,
            };
            if (await posts.AddIfNewAsync(digest, cancellationToken))
            {
                LogDue(logger, key, at);
            }
            digest = await posts.GetAsync(key, cancellationToken) ?? digest;
        }
        if (digest.State is not (PostState.Pending or PostState.Dispatching))
        {
            return null;
        }
        return (key, at > now ? at - now : TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Key} is due (posts planned in the week before {At:o})")]
    private static partial void LogDue(ILogger logger, string key, DateTimeOffset at);
}
