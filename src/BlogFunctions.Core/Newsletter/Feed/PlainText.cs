using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>Turns feed HTML (descriptions, content:encoded) into the plain text an email excerpt needs.</summary>
internal static class PlainText
{
    // AngleSharp.Css (it comes with HtmlSanitizer) computes innerText: the text a reader sees, so blocks
    // and <br> separate words, and script, style, iframe, hidden and display:none content is left out.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions(), BrowsingContext.New(Configuration.Default.WithCss()));

    public static string FromHtml(string html)
    {
        if (html.IndexOfAny(['<', '&']) < 0)
        {
            return Collapse(html);
        }
        var doc = Parser.ParseDocument("<body>" + html + "</body>");
        // Kept because AngleSharp.Css's innerText drops all of a <details>, summary included, open or not
        // (see PlainTextVsLibrariesTests): unwrapped, its text reads like the rest.
        foreach (var details in doc.QuerySelectorAll("details"))
        {
            details.Replace([.. details.ChildNodes]);
        }
        return Collapse(doc.Body?.GetInnerText() ?? "");
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

    // An excerpt is one line: innerText's line breaks, <pre> spacing and no-break spaces become single spaces.
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
