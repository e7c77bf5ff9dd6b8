using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Comment ids are 15 hex digits of creation ticks plus 6 random ones: unique, URL- and
/// key-safe, and sorting as text sorts by time, which gives oldest-first threads for free.
/// </summary>
internal static partial class CommentIds
{
    public static string New(DateTimeOffset createdAt)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        var suffix = BinaryPrimitives.ReadUInt32BigEndian(random) & 0xFFFFFF;
        return createdAt.UtcTicks.ToString("x15", CultureInfo.InvariantCulture)
            + suffix.ToString("x6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// An imported comment's id: its creation ticks, as any id, and 6 hex digits of a hash of its
    /// source key instead of random ones, so importing the same comment again gives the same id and
    /// a reply can name its parent before the parent is written.
    /// </summary>
    public static string ForImport(DateTimeOffset createdAt, string sourceKey)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sourceKey));
        var suffix = BinaryPrimitives.ReadUInt32BigEndian(hash) & 0xFFFFFF;
        return createdAt.UtcTicks.ToString("x15", CultureInfo.InvariantCulture)
            + suffix.ToString("x6", CultureInfo.InvariantCulture);
    }

    /// <summary>The smallest id of a comment created at <paramref name="at"/> or later: ids sort by creation time.</summary>
    public static string FirstFrom(DateTimeOffset at) =>
        at.UtcTicks.ToString("x15", CultureInfo.InvariantCulture) + "000000";

    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    public static bool IsValidPostId(string? postId) => postId is not null && PostIdPattern().IsMatch(postId);

    [GeneratedRegex("^[0-9a-f]{21}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9_-]{1,100}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PostIdPattern();
}
