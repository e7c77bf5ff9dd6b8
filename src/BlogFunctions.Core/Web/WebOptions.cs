namespace BlogFunctions.Core.Web;

internal sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>
    /// Where a post lives on the blog, with <c>{postId}</c> as placeholder, e.g.
    /// https://blog.example/posts/{postId}. The moderation page links each comment to its post; empty: no links.
    /// </summary>
    public string PostUrlTemplate { get; set; } = "";
}
