using System.Globalization;
using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Notifications;

/// <summary>What an unsubscribe link ends: one subscription (a post, or one comment's replies) or all of an address's.</summary>
internal sealed record UnsubscribeScope(string EmailHash, string? PostId, string? CommentId)
{
    public bool All => PostId is null;
}

/// <summary>
/// Signed links of notification emails. They name the address by its hash only. Confirmation
/// links expire after <see cref="ConfirmValidFor"/>; unsubscribe links never do, because one in a
/// years-old email must still work. Verification is the <see cref="Signer"/>'s constant-time check.
/// </summary>
internal sealed class NotifyLinks(Signer signer, TimeProvider time, IOptions<PublicUrlOptions> urls)
{
    public const string ConfirmPurpose = "notify-confirm";
    public const string UnsubscribePurpose = "notify-unsubscribe";
    public static readonly TimeSpan ConfirmValidFor = TimeSpan.FromHours(48);

    public string ConfirmUrl(string emailHash) => Url(NotificationsApi.ConfirmTemplate, signer.Sign(ConfirmPurpose,
        string.Create(CultureInfo.InvariantCulture, $"{emailHash}|{time.GetUtcNow().Add(ConfirmValidFor).ToUnixTimeSeconds()}")));

    /// <summary>The email hash of a valid, unexpired confirmation token; null otherwise.</summary>
    public string? VerifyConfirm(string? token)
    {
        var payload = signer.Verify(ConfirmPurpose, token);
        var bar = payload?.LastIndexOf('|') ?? -1;
        return bar > 0 && long.TryParse(payload.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            && DateTimeOffset.FromUnixTimeSeconds(expiry) >= time.GetUtcNow()
            ? payload![..bar]
            : null;
    }

    /// <summary>Ends one subscription: the whole post (<paramref name="commentId"/> null) or one comment's replies.</summary>
    public string UnsubscribeUrl(string emailHash, string postId, string? commentId) =>
        Url(NotificationsApi.UnsubscribeTemplate, signer.Sign(UnsubscribePurpose, $"{emailHash}|{postId}|{commentId ?? NotifyKeys.WholePost}"));

    /// <summary>Ends every notification of the address.</summary>
    public string UnsubscribeAllUrl(string emailHash) => Url(NotificationsApi.UnsubscribeTemplate, signer.Sign(UnsubscribePurpose, emailHash));

    public UnsubscribeScope? VerifyUnsubscribe(string? token)
    {
        var parts = signer.Verify(UnsubscribePurpose, token)?.Split('|');
        return parts switch
        {
            [var hash] => new UnsubscribeScope(hash, null, null),
            [var hash, var post, var comment] => new UnsubscribeScope(hash, post, comment == NotifyKeys.WholePost ? null : comment),
            _ => null,
        };
    }

    private string Url(string template, string token) => urls.Value.Api(template + "?token=" + Uri.EscapeDataString(token)).AbsoluteUri;
}
