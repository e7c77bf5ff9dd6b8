using System.Text.Encodings.Web;

namespace BlogFunctions.SelfHost.Demo;

/// <summary>
/// The demo blog's HTML: what a blog author's own templates would contain, snippet included. Every
/// page is served under a strict Content-Security-Policy (no inline script or style anywhere, the API
/// the only other origin), so the demo proves the widget needs no 'unsafe-inline' and no eval.
/// </summary>
internal sealed class DemoPages(string apiUrl, string blogUrl, string widgetVersion, string countVersion, string postIdPrefix)
{
    private static readonly HtmlEncoder Enc = HtmlEncoder.Default;

    public string ContentSecurityPolicy { get; } =
        $"default-src 'self'; script-src 'self' {apiUrl}; style-src 'self' {apiUrl}; connect-src {apiUrl}";

    public string PostId(DemoArticle article) => postIdPrefix + article.Slug;

    public string Listing()
    {
        var items = string.Concat(DemoArticles.All.Select(a => $"""
            <li class="post">
              <h2><a href="/posts/{Enc.Encode(a.Slug)}">{Enc.Encode(a.Title)}</a></h2>
              <p class="meta"><time datetime="{a.Date}">{a.Date}</time> ·
                <a href="/posts/{Enc.Encode(a.Slug)}#comments" data-comment-count="{Enc.Encode(PostId(a))}">comments</a></p>
              <p>{Enc.Encode(a.Summary)}</p>
            </li>
            """));
        return Layout("Moving Well — a demo blog", $"""
            <h1>Moving Well</h1>
            <p class="lead">Short, practical notes on hips, backs and sitting less. A demo blog for BlogFunctions.</p>
            <ol class="posts">{items}</ol>
            {SubscribeForm("/")}
            <script src="{Enc.Encode(apiUrl)}/api/embed/count.js?v={countVersion}" data-zero="No comments yet" defer></script>
            """);
    }

    public string Article(DemoArticle article) => Layout(article.Title, $"""
        <p class="back"><a href="/">← All posts</a></p>
        <article>
          <h1>{Enc.Encode(article.Title)}</h1>
          <p class="meta"><time datetime="{article.Date}">{article.Date}</time></p>
          {article.Html}
        </article>
        {SubscribeForm("/posts/" + article.Slug)}
        <section id="comments">
          <div data-blog-comments data-post="{Enc.Encode(PostId(article))}"></div>
        </section>
        <script src="{Enc.Encode(apiUrl)}/api/embed/comments.js?v={widgetVersion}" defer></script>
        """);

    // Works without JavaScript as a plain form post; the widget script upgrades it to fetch. The
    // page's address goes along as the consent source (a cross-origin Referer holds only the origin).
    private string SubscribeForm(string path) => $"""
        <form class="subscribe" data-blog-subscribe action="{Enc.Encode(apiUrl)}/api/subscriptions" method="post">
          <input type="hidden" name="source" value="{Enc.Encode(blogUrl.TrimEnd('/') + path)}">
          <h2>Get new posts by email</h2>
          <label for="subscribe-email">Email</label>
          <div class="row">
            <input id="subscribe-email" name="email" type="email" required autocomplete="email" placeholder="you@example.com">
            <button type="submit">Subscribe</button>
          </div>
          <p class="small">One email per new post. Confirm from your inbox; unsubscribe with one click.</p>
        </form>
        """;

    private static string Layout(string title, string body) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Enc.Encode(title)}</title>
        <link rel="stylesheet" href="/demo.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        </head>
        <body><main>{body}</main>
        <footer>Demo blog served by the BlogFunctions SelfHost in Development. Not medical advice.</footer>
        </body>
        </html>
        """;

    /// <summary>A favicon, so the browser's request for one is not a 404 in the console.</summary>
    public const string Favicon = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#0b62c4"/><text x="16" y="22" font-family="Georgia,serif" font-size="17" text-anchor="middle" fill="#fff">MW</text></svg>
        """;

    public const string Style = """
        :root { color-scheme: light dark; --fg: #22262b; --bg: #fdfcf9; --muted: #646b73; --accent: #0b62c4; --accent-fg: #fff; --line: #e3e0d8; }
        @media (prefers-color-scheme: dark) { :root { --fg: #e8e6e1; --bg: #15171a; --muted: #a0a6ad; --accent: #6cb2ff; --accent-fg: #0b1a2b; --line: #33373d; } }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 18px/1.65 Georgia, "Iowan Old Style", serif; }
        main { max-width: 44rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
        h1, h2 { font-family: system-ui, sans-serif; line-height: 1.25; }
        h1 { font-size: 2rem; } h2 { font-size: 1.35rem; margin-top: 2rem; }
        a { color: var(--accent); }
        .meta, .back, .small, footer { color: var(--muted); font: 15px/1.5 system-ui, sans-serif; }
        .lead { font-size: 1.15rem; color: var(--muted); }
        .posts { list-style: none; padding: 0; } .post { border-bottom: 1px solid var(--line); padding-bottom: 1rem; }
        .post h2 { margin-bottom: .25rem; }
        .subscribe { margin: 2.5rem 0; padding: 1.25rem; border: 1px solid var(--line); border-radius: 10px; font-family: system-ui, sans-serif; font-size: 16px; }
        .subscribe h2 { margin-top: 0; font-size: 1.15rem; }
        .subscribe .row { display: flex; gap: .5rem; } .subscribe input { flex: 1; font: inherit; padding: .5rem; }
        .subscribe button { font: inherit; font-weight: 600; padding: .5rem 1rem; cursor: pointer; color: var(--accent-fg); background: var(--accent); border: 1px solid var(--accent); border-radius: 8px; }
        .subscribe input { border: 1px solid var(--line); border-radius: 8px; background: var(--bg); color: var(--fg); }
        #comments { margin-top: 3rem; font-family: system-ui, sans-serif; font-size: 16px; }
        footer { text-align: center; padding: 2rem 1rem; border-top: 1px solid var(--line); }
        """;
}
