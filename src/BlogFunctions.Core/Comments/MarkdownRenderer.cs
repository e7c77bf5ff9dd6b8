using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// Markdown → safe HTML. Markdig escapes raw HTML (DisableHtml); HtmlSanitizer then enforces an
/// allow-list as a second, independent line of defence, and marks every link as user content.
/// Links survive only as absolute http(s) or mailto: a relative "//host/x" would leave the blog
/// for wherever the commenter chose, with the blog's own look.
/// </summary>
internal sealed class MarkdownRenderer
{
    /// <summary>Deeper than any comment a person writes (quotes in lists in quotes…), far below what strains a parser.</summary>
    public const int MaxNesting = 20;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .Build();

    // Built by the first comment rendered, not with the service: HtmlSanitizer's static set-up
    // (AngleSharp.Css's value tables) JIT-compiles about 900 generic methods, a fifth of a cold
    // start, and an instance that only serves reads never needs it (bench/README.md, footprint).
    private readonly Lazy<HtmlSanitizer> _sanitizer = new(Create);

    private static HtmlSanitizer Create()
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
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement anchor)
            {
                if (!IsAbsoluteLink(anchor.GetAttribute("href")))
                {
                    anchor.RemoveAttribute("href");
                }
                anchor.SetAttribute("rel", "ugc nofollow noopener");
            }
        };
        return sanitizer;
    }

    /// <summary>The safe HTML, or null when the Markdown nests deeper than <see cref="MaxNesting"/>.</summary>
    public string? Render(string markdown)
    {
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit ("too deeply nested"): ours is lower, so this is the same answer.
            return null;
        }
        return Depth(document) > MaxNesting ? null : _sanitizer.Value.Sanitize(document.ToHtml(Pipeline)).Trim();
    }

    internal static bool IsAbsoluteLink(string? href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto)
        && uri.Host.Length > 0;

    /// <summary>The deepest chain of blocks and inlines, walked without recursion so no input can exhaust the stack.</summary>
    internal static int Depth(MarkdownDocument document)
    {
        var deepest = 0;
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            switch (node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, depth + 1));
                    }
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, depth + 1));
                    break;
                case ContainerInline inlines:
                    for (var child = inlines.FirstChild; child is not null; child = child.NextSibling)
                    {
                        pending.Push((child, depth + 1));
                    }
                    break;
            }
        }
        return deepest;
    }
}
