using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Dispatch;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>Names the posts of the delivery log's newsletter rows, for the email feature's listing.</summary>
internal sealed class NewsletterDeliveryTitles(PostStore posts) : IDeliveryPostTitles
{
    public string Kind => EmailNewsletterTransport.Kind;

    public Task<IReadOnlyDictionary<string, string>> TitlesAsync(IReadOnlyCollection<string> postKeys, CancellationToken cancellationToken) =>
        posts.TitlesAsync(postKeys, cancellationToken);
}

/// <summary>Names the weekly digests' delivery-log rows by their week (no read: the key is the week).</summary>
internal sealed class DigestDeliveryTitles : IDeliveryPostTitles
{
    public string Kind => NewsletterMessages.DigestKind;

    public Task<IReadOnlyDictionary<string, string>> TitlesAsync(IReadOnlyCollection<string> postKeys, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(postKeys.Where(PostKeys.LooksLikeDigest)
            .ToDictionary(k => k, k => "Weekly digest " + k["digest-".Length..], StringComparer.Ordinal));
}
