using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Deletes rate-limit rows of windows that have ended, every few minutes, with one key-range query
/// below the current time (rows are keyed by window end, see <see cref="RateLimitKeys"/>).
/// </summary>
internal sealed class RateLimitCleanup(RateLimiter limiter, TimeProvider time, ILogger<RateLimitCleanup> logger)
    : PeriodicCleanup(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override string What => "rate-limit rows";

    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var before = RateLimitKeys.ExpiredBefore(Time.GetUtcNow().ToUnixTimeSeconds());
        return await limiter.DeleteEndedBeforeAsync(before, cancellationToken);
    }
}
