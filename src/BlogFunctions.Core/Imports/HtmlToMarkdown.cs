using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// A source's comment HTML as Markdown, so an imported body goes through the same renderer and
/// sanitiser as a new comment and the HTML we serve is always our own. Only what a comment can
/// hold survives (paragraphs, breaks, emphasis, code, quotes, lists, absolute links); scripts,
/// styles, frames, images and forms are dropped with their content; everything else keeps its
/// text, which is escaped so it stays text.
/// </summary>
internal static partial class HtmlToMarkdown
{
    private const int MaxDepth = 30;
    private static readonly HtmlParser Parser = new();

    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "noscript", "template", "img", "video", "audio", "svg", "form",
        "input", "button", "select", "textarea", "head", "title", "math", "canvas",
    };

    public static string Convert(string html)
    {
        if (html.IndexOfAny(['<', '&']) < 0)
        {
            return Tidy(Escape(html.Replace("\r\n", "\n", StringComparison.Ordinal), keepNewlines: true));
        }
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        return Tidy(Children(document.Body!, 0));
    }

    private static string Children(INode node, int depth) => string.Concat(node.ChildNodes.Select(c => Node(c, depth + 1)));

    private static string Node(INode node, int depth)
    {
        if (node is IText text)
        {
            return Escape(Whitespace().Replace(text.Data, " "), keepNewlines: false);
        }
        if (node is not IElement element || Dropped.Contains(element.LocalName))
        {
            return "";
        }
        if (depth > MaxDepth)
        {
            return Escape(Whitespace().Replace(element.TextContent, " "), keepNewlines: false);
        }
        var inner = Children(element, depth);
        return element.LocalName switch
        {
            "br" => "\\\n",
            "p" or "div" or "section" or "article" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table" or "tr" => Block(inner),
            "em" or "i" or "cite" => Wrap(inner, "*"),
            "strong" or "b" => Wrap(inner, "**"),
            "del" or "s" or "strike" => Wrap(inner, "~~"),
            "code" or "tt" or "kbd" => Code(element.TextContent),
            "pre" => "\n\n```\n" + element.TextContent.Trim('\n').Replace("```", "ʼʼʼ", StringComparison.Ordinal) + "\n```\n\n",
            "blockquote" => Block(string.Join('\n', Tidy(inner).Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l))),
            "ul" or "ol" => Block(List(element, depth)),
            "a" when MarkdownRenderer.IsAbsoluteLink(element.GetAttribute("href")) && inner.Trim().Length > 0 =>
                "[" + inner.Trim() + "](<" + element.GetAttribute("href")!.Replace(" ", "%20", StringComparison.Ordinal).Replace("<", "%3C", StringComparison.Ordinal)
                    .Replace(">", "%3E", StringComparison.Ordinal) + ">)",
            _ => inner,
        };
    }

    private static string List(IElement list, int depth)
    {
        var sb = new StringBuilder();
        var n = 1;
        foreach (var item in list.Children.Where(c => c.LocalName == "li"))
        {
            var marker = list.LocalName == "ol" ? $"{n++}. " : "- ";
            var lines = Tidy(Children(item, depth + 1)).Split('\n');
            sb.Append(marker).Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                sb.Append(line.Length == 0 ? "" : new string(' ', marker.Length) + line).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Block(string inner) => "\n\n" + inner.Trim() + "\n\n";

    private static string Wrap(string inner, string marker) =>
        // The spaces stay outside the markers: "** bold**" would not be emphasis.
        inner.Trim().Length == 0 ? inner : (inner.StartsWith(' ') ? " " : "") + marker + inner.Trim() + marker + (inner.EndsWith(' ') ? " " : "");

    private static string Code(string text)
    {
        var fence = text.Contains('`', StringComparison.Ordinal) ? "`` " : "`";
        return fence + Whitespace().Replace(text, " ") + (fence.Length > 1 ? " ``" : "`");
    }

    /// <summary>Backslash-escapes what Markdown would read as markup, so text stays text.</summary>
    private static string Escape(string text, bool keepNewlines)
    {
        var sb = new StringBuilder(text.Length + 8);
        var lineStart = true;
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '~' or '|' or '!'
                || (lineStart && c is '-' or '+' or '='))
            {
                sb.Append('\\');
            }
            sb.Append(c);
            lineStart = keepNewlines && c == '\n' || (lineStart && c == ' ');
        }
        return OrderedListStart().Replace(sb.ToString(), "$1\\.");
    }

    private static string Tidy(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"^(\s*\d+)\.", RegexOptions.Multiline)]
    private static partial Regex OrderedListStart();
}
