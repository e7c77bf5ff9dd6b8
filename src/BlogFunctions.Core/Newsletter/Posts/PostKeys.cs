using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>Table keys for post ids: a stable, URL-safe digest, so any feed GUID (often a URL) fits a RowKey and a route.</summary>
internal static class PostKeys
{
    public static string For(string postId) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(postId)).AsSpan(0, 15));

    public static bool LooksValid(string key) =>
        key.Length == 20 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The key of the weekly digest of ISO week <paramref name="week"/>, e.g. "digest-2026-W49": planned
    /// and sent like a post, in a partition of its own. 15 characters, so never a post's key.
    /// </summary>
    public static string Digest(int isoYear, int week) =>
        string.Create(CultureInfo.InvariantCulture, $"digest-{isoYear:D4}-W{week:D2}");

    public static bool LooksLikeDigest(string key) =>
        key.Length == 15 && key.StartsWith("digest-", StringComparison.Ordinal) && key.AsSpan(11, 2) is "-W"
        && key.AsSpan(7, 4).IndexOfAnyExceptInRange('0', '9') < 0 && key.AsSpan(13).IndexOfAnyExceptInRange('0', '9') < 0;

    /// <summary>Where a key's row lives: posts in "post", weekly digests in "digest".</summary>
    public static string PartitionOf(string key) => LooksLikeDigest(key) ? PostEntity.DigestPartition : PostEntity.Partition;
}
