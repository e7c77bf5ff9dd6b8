using System.Globalization;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Posts;
using BlogFunctions.Core.Newsletter.Subscribers;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// Writes a chunk's email: one body for all its recipients (a post, or a weekly digest listing the
/// chunk's posts), with each recipient's own unsubscribe and preference links substituted in, the
/// List-Unsubscribe headers, and custom_args {postId, chunk} (a digest's key as postId).
/// </summary>
internal sealed class NewsletterMessages(EmailTemplates templates, UnsubscribeLinks unsubscribe, PreferenceLinks preferences)
{
    public const string Kind = "newsletter";
    public const string DigestKind = "newsletter-digest";
    public const string UnsubscribePlaceholder = "[[unsubscribe_url]]";

    public async Task<EmailMessage> BuildAsync(NewsletterBatch batch)
    {
        var (kind, subject, rendered) = batch.Digest.Count > 0 ? await DigestAsync(batch.Digest) : await PostAsync(batch.Post);
        using var unsubscribeSigner = unsubscribe.CreateBatchSigner();
        using var preferencesSigner = preferences.CreateBatchSigner();
        var recipients = batch.Recipients.Select(r =>
        {
            var url = unsubscribe.UrlStringForHash(r.Key, unsubscribeSigner);
            return new EmailRecipient(r.Email, string.IsNullOrWhiteSpace(r.Name) ? null : r.Name)
            {
                Headers = UnsubscribeLinks.HeadersForUrl(url),
                Substitutions = new Dictionary<string, string>(2)
                {
                    [UnsubscribePlaceholder] = url,
                    [PreferenceLinks.Placeholder] = preferences.UrlStringForHash(r.Key, preferencesSigner),
                },
            };
        }).ToList();
        return new EmailMessage(subject, rendered.Html, rendered.Text, recipients)
        {
            Kind = kind,
            CustomArgs = new Dictionary<string, string>
            {
                ["postId"] = batch.Post.RowKey,
                ["chunk"] = batch.Chunk.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    private async Task<(string, string, RenderedEmail)> PostAsync(PostEntity post)
    {
        var title = string.IsNullOrWhiteSpace(post.Title) ? "A new post" : post.Title;
        var rendered = await templates.RenderAsync(Kind, title, new Dictionary<string, object?>
        {
            ["post_title"] = title,
            ["post_url"] = post.Url,
            ["summary"] = post.Summary,
            ["published"] = Published(post),
            ["preheader"] = post.Summary.Length > 120 ? post.Summary[..120] : post.Summary,
        }, UnsubscribePlaceholder, "You get this email because you subscribed to new posts.", PreferenceLinks.Placeholder);
        return (Kind, title, rendered);
    }

    private async Task<(string, string, RenderedEmail)> DigestAsync(IReadOnlyList<PostEntity> posts)
    {
        var subject = posts.Count == 1 ? "This week's post: " + Title(posts[0]) : $"This week's {posts.Count} posts";
        var rendered = await templates.RenderAsync("digest", subject, new Dictionary<string, object?>
        {
            ["count"] = posts.Count,
            ["posts"] = posts.Select(p => new Dictionary<string, object?>
            {
                ["title"] = Title(p),
                ["url"] = p.Url,
                ["summary"] = p.Summary,
                ["published"] = Published(p),
            }).ToList(),
            ["preheader"] = string.Join(" · ", posts.Select(Title)),
        }, UnsubscribePlaceholder, "You get this email because you chose the weekly digest of new posts.", PreferenceLinks.Placeholder);
        return (DigestKind, subject, rendered);
    }

    private static string Title(PostEntity post) => string.IsNullOrWhiteSpace(post.Title) ? "A new post" : post.Title;

    private static string? Published(PostEntity post) => post.PublishedAt?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
