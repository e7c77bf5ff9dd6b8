using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Http;

/// <summary>
/// Small, accessible HTML pages for people who arrive from an email link or a form without
/// JavaScript. Every value is encoded; the page loads nothing, sends no referrer (links carry
/// tokens), is not cached and is not indexed.
/// </summary>
internal static class HtmlPage
{
    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <param name="title">Plain text.</param>
    /// <param name="bodyHtml">Already-safe HTML: build it with <see cref="Encode"/>, <see cref="Paragraph"/>, <see cref="Form"/>.</param>
    /// <param name="status">HTTP status.</param>
    public static IResult Render(string title, string bodyHtml, int status = 200) =>
        new PageResult(status, $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <meta name="robots" content="noindex">
        <title>{{Encode(title)}}</title>
        <style>
        body{font:17px/1.6 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f4f4f5;color:#18181b}
        main{max-width:34rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:8px}
        h1{font-size:1.5rem;margin-top:0}
        button{font:inherit;font-weight:600;padding:.7rem 1.3rem;border:0;border-radius:6px;background:#1d4ed8;color:#fff;cursor:pointer}
        button:focus-visible,a:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
        .muted{color:#52525b;font-size:.95rem}
        @media (prefers-color-scheme:dark){body{background:#18181b;color:#f4f4f5}main{background:#27272a}.muted{color:#a1a1aa} }
        </style>
        </head>
        <body>
        <main>
        <h1>{{Encode(title)}}</h1>
        {{bodyHtml}}
        </main>
        </body>
        </html>
        """);

    public static string Paragraph(string text, bool muted = false) =>
        muted ? $"<p class=\"muted\">{Encode(text)}</p>" : $"<p>{Encode(text)}</p>";

    /// <summary>A POST form with one button; hidden fields are encoded.</summary>
    public static string Form(string action, string button, IReadOnlyDictionary<string, string> hidden)
    {
        var sb = new StringBuilder();
        sb.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        foreach (var (k, v) in hidden)
        {
            sb.Append("<input type=\"hidden\" name=\"").Append(Encode(k)).Append("\" value=\"").Append(Encode(v)).Append("\">");
        }
        sb.Append("<button type=\"submit\">").Append(Encode(button)).Append("</button></form>");
        return sb.ToString();
    }

    /// <summary>True when the client prefers an HTML answer (a plain form post from a browser).</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        if (accept is null || accept.Count == 0)
        {
            return false;
        }
        double html = 0, json = 0;
        foreach (var media in accept)
        {
            var q = media.Quality ?? 1;
            if (media.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, q);
            }
            else if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || media.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, q);
            }
        }
        return html > 0 && html >= json;
    }

    private sealed class PageResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Robots-Tag"] = "noindex";
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Content-Type-Options"] = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
            return response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
