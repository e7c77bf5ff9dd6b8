using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// Per-recipient unsubscribe links for every newsletter and welcome email: the visible link and the
/// RFC 2369 / RFC 8058 headers that let mail clients offer one-click unsubscribe. Tokens name the
/// subscriber by email hash only (no address in URLs or logs) and never expire, because an
/// unsubscribe link in a years-old email must still work.
/// </summary>
internal sealed class UnsubscribeLinks(Signer signer, SubscriberKeys keys, IOptions<PublicUrlOptions> urls)
{
    public const string Purpose = "unsubscribe";
    public const string PostHeaderValue = "List-Unsubscribe=One-Click";

    public string TokenFor(string email) => TokenForHash(keys.HashOf(email));

    public string TokenForHash(string emailHash) => signer.Sign(Purpose, emailHash);

    /// <summary>The email hash a token was issued for, or null when forged.</summary>
    public string? Verify(string? token) => signer.Verify(Purpose, token);

    public Uri UrlFor(string email) => UrlForHash(keys.HashOf(email));

    public Uri UrlForHash(string emailHash) => new(UnsubscribePrefix + Uri.EscapeDataString(TokenForHash(emailHash)));

    /// <summary>
    /// <see cref="UrlForHash"/> as a string, for a newsletter chunk's 1,000 recipients: the same
    /// prefix, with the chunk's one keyed HMAC instead of one key set-up per token.
    /// </summary>
    public string UrlStringForHash(string emailHash, BatchSigner batch) => UnsubscribePrefix + Uri.EscapeDataString(batch.Sign(emailHash));

    /// <summary>The signer to pass to <see cref="UrlStringForHash"/> for one chunk's recipients.</summary>
    public BatchSigner CreateBatchSigner() => signer.ForBatch(Purpose);

    private string UnsubscribePrefix => field ??= urls.Value.Api(SubscriptionsApi.UnsubscribeTemplate + "?token=").AbsoluteUri;

    /// <summary>List-Unsubscribe and List-Unsubscribe-Post for one recipient.</summary>
    public IReadOnlyDictionary<string, string> HeadersFor(string email) => HeadersForUrl(UrlFor(email));

    public IReadOnlyDictionary<string, string> HeadersForHash(string emailHash) => HeadersForUrl(UrlForHash(emailHash));

    /// <summary>The headers for a URL already made with <see cref="UrlForHash"/> (one signature per recipient, not two).</summary>
    public static Dictionary<string, string> HeadersForUrl(Uri url) => HeadersForUrl(url.AbsoluteUri);

    public static Dictionary<string, string> HeadersForUrl(string absoluteUrl) => new(2, StringComparer.OrdinalIgnoreCase)
    {
        ["List-Unsubscribe"] = "<" + absoluteUrl + ">",
        ["List-Unsubscribe-Post"] = PostHeaderValue,
    };
}
