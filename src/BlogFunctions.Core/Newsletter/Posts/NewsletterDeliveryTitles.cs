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
