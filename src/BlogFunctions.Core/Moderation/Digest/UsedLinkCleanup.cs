using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// Forgets used one-click links once they have expired anyway: an expired link is refused by its
/// signature check before its used-row is ever read. Rows are partitioned by the day the link was
/// issued, so the expired ones are one key range.
/// </summary>
internal sealed class UsedLinkCleanup(UsedLinkStore links, TimeProvider time, ILogger<UsedLinkCleanup> logger)
    : PeriodicCleanup(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override string What => "used moderation links";

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        // A whole day of margin past the validity period covers issue times late in their day.
        var before = UsedLinkStore.PartitionOf(Time.GetUtcNow() - ModerationLinkTokens.ValidFor - TimeSpan.FromDays(1));
        return await links.DeleteBeforeAsync(before, cancellationToken);
    }
}
