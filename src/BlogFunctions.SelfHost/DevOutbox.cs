using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using BlogFunctions.Core.Email;

namespace BlogFunctions.SelfHost;

/// <summary>
/// Development only (or DevOutbox:Enabled): lists the emails the dev outbox wrote, newest first,
/// at /dev/outbox, and serves each one's HTML and text, so confirm and unsubscribe links can be
/// followed from a browser without a mail server.
/// </summary>
internal static partial class DevOutbox
{
    private const int MaxListed = 200;

    public static WebApplication MapDevOutbox(this WebApplication app)
    {
        if (!(app.Configuration.GetValue<bool?>("DevOutbox:Enabled") ?? app.Environment.IsDevelopment()))
        {
            return app;
        }
        app.MapGet("/dev/outbox", (OutboxEmailSender outbox) => Results.Content(List(outbox.Folder), "text/html; charset=utf-8"));
        app.MapGet("/dev/outbox.json", (HttpRequest request, OutboxEmailSender outbox) =>
            Results.Json(DevOutboxListing.Read(outbox.Folder, MaxListed, $"{request.Scheme}://{request.Host}"), DevOutboxJson.Default.ListOutboxListItem));
        app.MapGet("/dev/outbox/{file}", (string file, OutboxEmailSender outbox) =>
        {
            var match = FileName().Match(file);
            var path = Path.Combine(outbox.Folder, file);
            if (!match.Success || !File.Exists(path))
            {
                return Results.NotFound();
            }
            var type = match.Groups["ext"].Value == "html" ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
            return Results.File(path, type);
        });
        return app;
    }

    private static string List(string folder)
    {
        var html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Dev outbox</title>"
            + "<style>body{font:15px system-ui;margin:2rem}td,th{padding:.3rem .6rem;text-align:left;border-bottom:1px solid #ddd}</style>"
            + "<h1>Dev outbox</h1><p>Emails written instead of sent (no SendGrid:ApiKey). Newest first.</p>"
            + "<table><tr><th>time (UTC)</th><th>kind</th><th>to</th><th>subject</th><th></th></tr>");
        foreach (var envelope in DevOutboxListing.Envelopes(folder, MaxListed))
        {
            var e = HtmlEncoder.Default;
            var id = e.Encode(envelope.Id);
            html.Append("<tr><td>").Append(e.Encode(envelope.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(e.Encode(envelope.Kind))
                .Append("</td><td>").Append(e.Encode(envelope.To))
                .Append("</td><td>").Append(e.Encode(envelope.Headers.GetValueOrDefault("Subject") ?? ""))
                .Append("</td><td><a href=\"/dev/outbox/").Append(id).Append(".html\">html</a> · <a href=\"/dev/outbox/")
                .Append(id).Append(".txt\">text</a></td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    [GeneratedRegex(@"^[0-9A-Za-z_-]{1,120}\.(?<ext>html|txt)$")]
    private static partial Regex FileName();
}

[System.Text.Json.Serialization.JsonSerializable(typeof(OutboxEnvelope))]
[System.Text.Json.Serialization.JsonSerializable(typeof(List<OutboxListItem>))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class DevOutboxJson : System.Text.Json.Serialization.JsonSerializerContext;
