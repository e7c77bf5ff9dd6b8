using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BlogFunctions.Core.Newsletter.Feed;
using Ganss.Xss;

namespace BlogFunctions.Tests.Newsletter;

/// <summary>
/// Issue #18: <see cref="PlainText"/> against what AngleSharp and HtmlSanitizer offer. Each row: feed
/// HTML, the excerpt text a reader should get, then what AngleSharp.Css innerText, AngleSharp
/// textContent and HtmlSanitizer (no tag allowed, children kept) give, whitespace collapsed alike;
/// "=" is the same as wanted. PlainText is innerText, collapsed to one line, with one fix-up where
/// innerText is wrong (&lt;details&gt;).
/// </summary>
public sealed class PlainTextVsLibrariesTests
{
    private const string Same = "=";

    private static readonly HtmlParser CssParser = new(new HtmlParserOptions(), BrowsingContext.New(Configuration.Default.WithCss()));
    private static readonly HtmlParser BareParser = new();
    private static readonly HtmlSanitizer StripAll = new(new HtmlSanitizerOptions { AllowedTags = new HashSet<string>() }) { KeepChildNodes = true };

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // html, wanted (PlainText), innerText, textContent, HtmlSanitizer
        { "plain text", "plain text", Same, Same, Same },
        { "  lots \n\n of \t space  ", "lots of space", Same, Same, Same },
        { "Tom &amp; Jerry", "Tom & Jerry", Same, Same, "Tom &amp; Jerry" },
        { "caf&eacute; &#8217;quoted&#8217; &hellip;&nbsp;x", "café ’quoted’ … x", Same, Same, "café ’quoted’ …&nbsp;x" },
        { "a &lt;b&gt; c", "a <b> c", Same, Same, "a &lt;b&gt; c" },
        { "AT&T", "AT&T", Same, Same, "AT&amp;T" },
        { "<p>one <b>bold <i>nested</i></b> two</p>", "one bold nested two", Same, Same, Same },
        { "Div with <span>a span</span> in it.", "Div with a span in it.", Same, Same, Same },
        { "<p>unclosed <b>bold", "unclosed bold", Same, Same, Same },
        { "<!-- comment -->visible", "visible", Same, Same, Same },
        { "<![CDATA[inside]]>after", "after", Same, Same, Same },
        { "<pre>  keep\n  lines</pre>", "keep lines", Same, Same, Same },
        // Blocks and line breaks separate words: textContent (what PlainText used before) glues them.
        { "<p>first</p><p>second</p>", "first second", Same, "firstsecond", "firstsecond" },
        { "line<br>break", "line break", Same, "linebreak", "linebreak" },
        { "<h2>Title</h2>Body", "Title Body", Same, "TitleBody", "TitleBody" },
        { "<ul><li>a</li><li>b</li></ul>", "a b", Same, "ab", "ab" },
        { "<table><tr><td>1</td><td>2</td></tr></table>", "1 2", Same, "12", "12" },
        // What a reader never sees stays out.
        { "a<script>alert(1)</script>b", "ab", Same, "aalert(1)b", "aalert(1)b" },
        { "<style>p{color:red}</style>text", "text", Same, "p{color:red}text", "p{color:red}text" },
        { "<noscript>no js</noscript>kept", "kept", Same, "no jskept", "no jskept" },
        { "<iframe>frame</iframe>after", "after", Same, "frameafter", "frameafter" },
        { "<span style=\"display:none\">hidden</span>shown", "shown", Same, "hiddenshown", "hiddenshown" },
        { "<p hidden>hidden</p>shown", "shown", Same, "hiddenshown", "hiddenshown" },
        // innerText is wrong here: it drops all of a <details>, summary included, open or not.
        { "<details><summary>FAQ</summary><p>answer</p></details><p>after</p>", "FAQ answer after", "after", "FAQanswerafter", "FAQanswerafter" },
        { "<details open>shown</details>", "shown", "", Same, Same },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PlainText_and_each_library_give_what_the_row_says(string html, string wanted, string innerText, string textContent, string sanitizer)
    {
        Assert.Equal(wanted, PlainText.FromHtml(html));
        Assert.Equal(Or(innerText, wanted), Collapse(Body(CssParser, html).GetInnerText()));
        Assert.Equal(Or(textContent, wanted), Collapse(Body(BareParser, html).TextContent));
        Assert.Equal(Or(sanitizer, wanted), Collapse(StripAll.Sanitize(html)));
    }

    private static IElement Body(HtmlParser parser, string html) => parser.ParseDocument("<body>" + html + "</body>").Body!;

    private static string Or(string value, string wanted) => value == Same ? wanted : value;

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
