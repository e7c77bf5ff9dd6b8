using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>When the weekly digest is due, and the keys its rows and steps carry.</summary>
public sealed class DigestScheduleTests
{
    [Theory]
    [InlineData("2026-12-07T08:00:00Z", DayOfWeek.Monday, 8, "2026-12-07T08:00:00Z")] // the digest hour itself
    [InlineData("2026-12-07T07:59:59Z", DayOfWeek.Monday, 8, "2026-11-30T08:00:00Z")] // a second before: last week's
    [InlineData("2026-12-09T15:00:00Z", DayOfWeek.Monday, 8, "2026-12-07T08:00:00Z")]
    [InlineData("2026-12-06T23:00:00Z", DayOfWeek.Monday, 8, "2026-11-30T08:00:00Z")] // Sunday
    [InlineData("2026-12-06T23:00:00Z", DayOfWeek.Sunday, 0, "2026-12-06T00:00:00Z")]
    [InlineData("2026-12-10T01:00:00+05:00", DayOfWeek.Wednesday, 20, "2026-12-09T20:00:00Z")] // UTC, whatever the offset
    public void The_latest_digest_hour_is_at_or_before_now(string now, DayOfWeek day, int hour, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            WeeklyDigest.Latest(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), day, hour));

    [Fact]
    public void A_digest_is_keyed_by_its_iso_week_and_never_looks_like_a_post_key()
    {
        Assert.Equal("digest-2026-W50", WeeklyDigest.KeyFor(DateTimeOffset.Parse("2026-12-07T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("digest-2026-W53", WeeklyDigest.KeyFor(DateTimeOffset.Parse("2027-01-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(PostKeys.LooksLikeDigest("digest-2026-W50"));
        Assert.Equal(PostEntity.DigestPartition, PostKeys.PartitionOf("digest-2026-W50"));
        Assert.False(PostKeys.LooksValid("digest-2026-W50"));
        foreach (var bad in new[] { "digest-2026-X50", "digest-20a6-W50", "digest-2026-W5", "Digest-2026-W50", PostKeys.For("digest-2026-W50") })
        {
            Assert.False(PostKeys.LooksLikeDigest(bad), bad);
        }
        Assert.Equal(PostEntity.Partition, PostKeys.PartitionOf(PostKeys.For("a-post")));
    }
}
