using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// What a verified one-click moderation link asks for. <see cref="Version"/> is the comment's ETag
/// when the email was rendered; null for a link of the first format, which carried none.
/// </summary>
internal sealed record ModerationLink(string PostId, string CommentId, ModerationAction Action, DateTimeOffset IssuedAt, string Nonce,
    ETag? Version);

/// <summary>
/// Signed links in moderator emails: "v2|postId|commentId|action|issuedUnixSeconds|nonce|etag"
/// (the ETag base64url-encoded) under their own signer purpose, valid for <see cref="ValidFor"/>.
/// The ETag is the version of the comment the email showed: the action applies only to that
/// version (If-Match), so a comment moderated or changed since gets the conflict page instead of
/// a silent overwrite. The random nonce names the link for the single-use check in storage
/// (<see cref="UsedLinkStore"/>), so every email carries fresh links even for the same comment.
/// Links of the first format ("v1|…", no ETag, sent before this) are still accepted for their 7
/// days; they apply to the version the click finds, still pending (see <see cref="ModerationLinkHandler"/>).
/// </summary>
internal sealed class ModerationLinkTokens(Signer signer, TimeProvider time)
{
    public const string Purpose = "moderation-link";
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    // Clocks of two instances differ a little; a link from the future beyond that is not ours.
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public string Create(string postId, string commentId, ModerationAction action, ETag version)
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return signer.Sign(Purpose, string.Create(CultureInfo.InvariantCulture,
            $"v2|{postId}|{commentId}|{Name(action)}|{time.GetUtcNow().ToUnixTimeSeconds()}|{WebEncoders.Base64UrlEncode(nonce)}|{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(version.ToString()))}"));
    }

    /// <summary>The link, or null when the token is forged, malformed, expired or names nothing valid.</summary>
    public ModerationLink? Verify(string? token)
    {
        var payload = signer.Verify(Purpose, token);
        var parts = payload?.Split('|');
        if (parts is not ({ Length: 6 } or { Length: 7 }) || parts[0] != (parts.Length == 6 ? "v1" : "v2")
            || !CommentIds.IsValidPostId(parts[1]) || !CommentIds.IsValid(parts[2])
            || Parse(parts[3]) is not { } action
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedUnix)
            || parts[5].Length is < 16 or > 64)
        {
            return null;
        }
        ETag? version = null;
        if (parts.Length == 7)
        {
            if (Decode(parts[6]) is not { } etag)
            {
                return null;
            }
            version = etag;
        }
        var issued = DateTimeOffset.FromUnixTimeSeconds(Math.Min(issuedUnix, 253_402_300_799));
        var now = time.GetUtcNow();
        if (issued > now + Skew || now - issued > ValidFor)
        {
            return null;
        }
        return new ModerationLink(parts[1], parts[2], action, issued, parts[5], version);
    }

    private static ETag? Decode(string encoded)
    {
        try
        {
            var text = encoded.Length is > 0 and <= 200 ? Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(encoded)) : "";
            return text.Length > 0 ? new ETag(text) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Name(ModerationAction action) => action switch
    {
        ModerationAction.Approve => "approve",
        ModerationAction.Reject => "reject",
        _ => "spam",
    };

    private static ModerationAction? Parse(string name) => name switch
    {
        "approve" => ModerationAction.Approve,
        "reject" => ModerationAction.Reject,
        "spam" => ModerationAction.Spam,
        _ => null,
    };
}
