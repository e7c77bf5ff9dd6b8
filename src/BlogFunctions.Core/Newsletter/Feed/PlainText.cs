using System.Text;
using AngleSharp.Html.Parser;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>Turns feed HTML (descriptions, content:encoded) into the plain text an email excerpt needs.</summary>
internal static class PlainText
{
    private static readonly HtmlParser Parser = new();

    public static string FromHtml(string html)
    {
        if (html.IndexOfAny(['<', '&']) < 0)
        {
            return Collapse(html);
        }
        var doc = Parser.ParseDocument("<body>" + html + "</body>");
        foreach (var drop in doc.QuerySelectorAll("script, style, noscript, iframe, object"))
        {
            drop.Remove();
        }
        return Collapse(doc.Body?.TextContent ?? "");
    }

    /// <summary>At most <paramref name="max"/> characters, cut at a word boundary with an ellipsis.</summary>
    public static string Excerpt(string html, int max)
    {
        var text = FromHtml(html);
        if (text.Length <= max)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', max - 1);
        return text[..(cut > max / 2 ? cut : max - 1)].TrimEnd() + "…";
    }

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
