using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Who gets which posts in a weekly digest. The week is the 7 days before the digest's hour; a post
/// belongs to the week in which its plan was committed, which is when its each-post recipients were
/// fixed, so every post is in exactly one week. A weekly subscriber gets the week's posts planned
/// after they switched to the digest (the earlier ones reached them by email); the posts are sorted
/// by plan time, so each subscriber's list is a tail of the week's, and subscribers with the same tail
/// form one group: one email body, cut into chunks like a post's recipients.
/// </summary>
internal sealed class DigestGroups(PostStore posts, SubscriberScan scan)
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The digest's groups; none when the week had no posts or nobody is on the digest for them.</summary>
    public async Task<IReadOnlyList<PlanGroup>> ForAsync(PostEntity digest, CancellationToken cancellationToken)
    {
        var end = digest.PublishedAt ?? throw new InvalidOperationException("A digest row names the end of its week.");
        var week = (await posts.ListPlannedAsync(end - Week, end, cancellationToken))
            .Where(p => p.PlannedAt is not null)
            .OrderBy(p => p.PlannedAt).ThenBy(p => p.RowKey, StringComparer.Ordinal)
            .ToList();
        if (week.Count == 0)
        {
            return []; // nothing was posted: nothing is sent
        }
        var groups = new SortedDictionary<(int First, int Last), List<(string Shard, NewsletterRecipient Recipient)>>();
        foreach (var (shard, s) in await scan.DigestReadersAsync(end - Week, cancellationToken))
        {
            // Their posts: planned while they were on the digest (a reader back on each post got the later ones by email).
            var since = s.WeeklySince ?? DateTimeOffset.MinValue;
            var until = s.Cadence == SubscriberCadence.Weekly ? DateTimeOffset.MaxValue : s.WeeklyUntil ?? DateTimeOffset.MinValue;
            var (first, last) = (week.FindIndex(p => p.PlannedAt > since), week.FindLastIndex(p => p.PlannedAt < until));
            if (first < 0 || last < first)
            {
                continue; // every post of the week came to them by email
            }
            if (!groups.TryGetValue((first, last), out var members))
            {
                groups[(first, last)] = members = [];
            }
            members.Add((shard, new NewsletterRecipient(s.Key, s.Email, s.Name)));
        }
        return [.. groups.Select(g => new PlanGroup(
            string.Join(',', week.Skip(g.Key.First).Take(g.Key.Last - g.Key.First + 1).Select(p => p.RowKey)), g.Value))];
    }
}
