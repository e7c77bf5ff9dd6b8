using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Web;

/// <summary>
/// Builds the served files from the embedded sources once: the widget, its stylesheet (a file of
/// its own, so blogs with a strict Content-Security-Policy need no 'unsafe-inline'; the widget
/// links it by content hash), the counts script, and the moderation page with its script and
/// style inlined under a hash-based Content-Security-Policy, so even an injection could not run.
/// </summary>
public sealed class WebAssetCatalog
{
    public const string JavaScript = "text/javascript; charset=utf-8";
    public const string Html = "text/html; charset=utf-8";
    public const string Css = "text/css; charset=utf-8";

    public WebAssetCatalog(IOptions<WebOptions> options)
    {
        CommentsCss = new WebAsset("comments.css", Css, Encoding.UTF8.GetBytes(AssetMinifier.Css(Source("comments.css"))));
        var widget = Source("comments.js").Replace("/*CSS*/\"\"", JsonSerializer.Serialize(CommentsCss.Version), StringComparison.Ordinal);
        Comments = new WebAsset("comments.js", JavaScript, Encoding.UTF8.GetBytes(AssetMinifier.Js(widget)));
        Count = new WebAsset("count.js", JavaScript, Encoding.UTF8.GetBytes(AssetMinifier.Js(Source("count.js"))));
        Moderation = BuildModerationPage(options.Value);
    }

    public WebAsset Comments { get; }

    public WebAsset Count { get; }

    public WebAsset CommentsCss { get; }

    public WebAsset Moderation { get; }

    private static WebAsset BuildModerationPage(WebOptions options)
    {
        var script = AssetMinifier.Js(Source("moderation.js") + "\n" + Source("moderation-mail.js"));
        var style = AssetMinifier.Css(Source("moderation.css"));
        var html = Source("moderation.html")
            .Replace("{{postUrlTemplate}}", HtmlEncoder.Default.Encode(options.PostUrlTemplate), StringComparison.Ordinal)
            .Replace("/*STYLE*/", style, StringComparison.Ordinal)
            .Replace("/*SCRIPT*/", script, StringComparison.Ordinal);
        var csp = "default-src 'none'; connect-src 'self'; img-src 'self' data:; "
            + $"style-src '{Sha256(style)}'; script-src '{Sha256(script)}'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return new WebAsset("moderation.html", Html, Encoding.UTF8.GetBytes(html))
        {
            // The page holds no data, but a moderator's browser must always get the current script.
            UnversionedCacheControl = "no-cache",
            Headers = new Dictionary<string, string>
            {
                ["Content-Security-Policy"] = csp,
                ["Referrer-Policy"] = "no-referrer",
                ["X-Frame-Options"] = "DENY",
            },
        };
    }

    private static string Sha256(string inline) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline)));

    private static string Source(string name)
    {
        using var stream = typeof(WebAssetCatalog).Assembly.GetManifestResourceStream("BlogFunctions.Web." + name)
            ?? throw new InvalidOperationException($"Embedded asset {name} is missing from {typeof(WebAssetCatalog).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
