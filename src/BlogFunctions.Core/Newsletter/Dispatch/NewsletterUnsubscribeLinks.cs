using BlogFunctions.Core.Http;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>Builds a recipient's one-click unsubscribe URL (the subscriptions feature verifies it).</summary>
public interface INewsletterUnsubscribeLinks
{
    Uri UnsubscribeUrl(string email);
}

/// <summary>
/// Fallback until the subscriptions feature registers its own builder: a never-expiring token
/// signed for "unsubscribe" over the normalized address.
/// </summary>
public sealed class SignedUnsubscribeLinks(Signer signer, IOptions<PublicUrlOptions> urls) : INewsletterUnsubscribeLinks
{
    public Uri UnsubscribeUrl(string email) =>
        urls.Value.Api("subscriptions/unsubscribe?token=" + Uri.EscapeDataString(signer.Sign("unsubscribe", email.Trim().ToLowerInvariant())));
}
