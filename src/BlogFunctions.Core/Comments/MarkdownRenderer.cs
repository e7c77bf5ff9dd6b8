using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Markdown → safe HTML. Markdig escapes raw HTML (DisableHtml); HtmlSanitizer then enforces an
/// allow-list as a second, independent line of defence, and marks every link as user content.
/// </summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "start" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        };
        _sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor)
            {
                anchor.SetAttribute("rel", "ugc nofollow noopener");
            }
        };
    }

    public string Render(string markdown) =>
        _sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline)).Trim();
}
