using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Preferences;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// Per-recipient links to the preference page in every newsletter and welcome email. Like the
/// unsubscribe links, tokens name the subscriber by email hash only and never expire (under a
/// signing purpose of their own, so neither token works for the other's page).
/// </summary>
internal sealed class PreferenceLinks(Signer signer, IOptions<PublicUrlOptions> urls)
{
    public const string Purpose = "preferences";

    /// <summary>Stands for the recipient's own link in a body shared by a chunk's recipients.</summary>
    public const string Placeholder = "[[preferences_url]]";

    public string TokenForHash(string emailHash) => signer.Sign(Purpose, emailHash);

    /// <summary>The email hash a token was issued for, or null when forged (compared in constant time).</summary>
    public string? Verify(string? token) => signer.Verify(Purpose, token);

    public string UrlForHash(string emailHash) => Prefix + Uri.EscapeDataString(TokenForHash(emailHash));

    /// <summary>The same link for one of a chunk's recipients, with the chunk's one keyed HMAC.</summary>
    public string UrlStringForHash(string emailHash, BatchSigner batch) => Prefix + Uri.EscapeDataString(batch.Sign(emailHash));

    public BatchSigner CreateBatchSigner() => signer.ForBatch(Purpose);

    private string Prefix => field ??= urls.Value.Api(PreferencesApi.Template + "?token=").AbsoluteUri;
}
