using BlogFunctions.Core.Comments;

namespace BlogFunctions.Tests.Comments;

public sealed class MarkdownRendererTests
{
    private static readonly MarkdownRenderer Renderer = new();

    [Theory]
    [InlineData("*em* **strong** `code`", "<p><em>em</em> <strong>strong</strong> <code>code</code></p>")]
    [InlineData("> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>")]
    [InlineData("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>")]
    [InlineData("```\nx < y\n```", "<pre><code>x &lt; y\n</code></pre>")]
    [InlineData("[site](https://a.example)", "<p><a href=\"https://a.example\" rel=\"ugc nofollow noopener\">site</a></p>")]
    [InlineData("https://b.example", "<p><a href=\"https://b.example\" rel=\"ugc nofollow noopener\">https://b.example</a></p>")]
    public void Allowed_markdown(string markdown, string html) => Assert.Equal(html, Renderer.Render(markdown));

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("![pic](https://a.example/x.png)")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](data:text/html,<script>alert(1)</script>)")]
    [InlineData("<a href=\"https://a.example\" onclick=\"x()\">a</a>")]
    [InlineData("<iframe src=\"https://a.example\"></iframe>")]
    [InlineData("<style>body{}</style>")]
    [InlineData("[x](https://a.example \"t\\\" onmouseover=\\\"alert(1)\")")]
    public void Dangerous_input_never_yields_markup(string markdown)
    {
        var html = Renderer.Render(markdown);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"<[^>]+\son\w+=", html);
        Assert.DoesNotContain("title=", html, StringComparison.Ordinal);
    }
}
