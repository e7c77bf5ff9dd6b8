namespace BlogFunctions.Core.Web;

internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Where a post lives on the blog, with <c>{postId}</c> as placeholder, e.g.
    /// https://blog.example/posts/{postId}. The moderation page, the moderator digest and readers' notifications link each comment to its post; empty: no links.
    /// </summary>
    public string PostUrlTemplate { get; set; } = "";

    /// <summary>The post's absolute http(s) URL from <see cref="PostUrlTemplate"/>; null when there is none.</summary>
    public string? PostUrl(string postId)
    {
        if (string.IsNullOrWhiteSpace(PostUrlTemplate))
        {
            return null;
        }
        var url = PostUrlTemplate.Replace("{postId}", Uri.EscapeDataString(postId), StringComparison.Ordinal);
        return Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.AbsoluteUri : null;
    }
}
