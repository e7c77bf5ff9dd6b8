using System.Globalization;
using System.Security.Cryptography;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogFunctions.Core.Moderation.Notices;

/// <summary>What a verified one-click moderation link asks for.</summary>
public sealed record ModerationLink(string PostId, string CommentId, ModerationAction Action, DateTimeOffset IssuedAt, string Nonce);

/// <summary>
/// Signed links in moderator emails: "v1|postId|commentId|action|issuedUnixSeconds|nonce" under
/// their own signer purpose, valid for <see cref="ValidFor"/>. The random nonce names the link
/// for the single-use check in storage (<see cref="UsedLinkStore"/>), so every email carries
/// fresh links even for the same comment.
/// </summary>
public sealed class ModerationLinkTokens(Signer signer, TimeProvider time)
{
    public const string Purpose = "moderation-link";
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    // Clocks of two instances differ a little; a link from the future beyond that is not ours.
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public string Create(string postId, string commentId, ModerationAction action)
    {
        Span<byte> nonce = stackalloc byte[16];
        RandomNumberGenerator.Fill(nonce);
        return signer.Sign(Purpose, string.Create(CultureInfo.InvariantCulture,
            $"v1|{postId}|{commentId}|{Name(action)}|{time.GetUtcNow().ToUnixTimeSeconds()}|{WebEncoders.Base64UrlEncode(nonce)}"));
    }

    /// <summary>The link, or null when the token is forged, malformed, expired or names nothing valid.</summary>
    public ModerationLink? Verify(string? token)
    {
        var payload = signer.Verify(Purpose, token);
        var parts = payload?.Split('|');
        if (parts is not { Length: 6 } || parts[0] != "v1"
            || !CommentIds.IsValidPostId(parts[1]) || !CommentIds.IsValid(parts[2])
            || Parse(parts[3]) is not { } action
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedUnix)
            || parts[5].Length is < 16 or > 64)
        {
            return null;
        }
        var issued = DateTimeOffset.FromUnixTimeSeconds(Math.Min(issuedUnix, 253_402_300_799));
        var now = time.GetUtcNow();
        if (issued > now + Skew || now - issued > ValidFor)
        {
            return null;
        }
        return new ModerationLink(parts[1], parts[2], action, issued, parts[5]);
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
