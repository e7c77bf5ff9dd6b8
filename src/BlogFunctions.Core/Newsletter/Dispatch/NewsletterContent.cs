using System.Text.Encodings.Web;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

public sealed record RenderedNewsletter(string Subject, string Html, string Text);

/// <summary>
/// The email of a new post. Every value is encoded for its context; the unsubscribe URL is left
/// as a token that the transport replaces per recipient.
/// </summary>
public sealed class NewsletterContent(IOptionsMonitor<EmailOptions> email)
{
    public RenderedNewsletter Render(PostEntity post, string unsubscribeUrl)
    {
        var sender = email.CurrentValue;
        var html = HtmlEncoder.Default;
        var title = string.IsNullOrWhiteSpace(post.Title) ? "New post" : post.Title;
        var address = string.IsNullOrWhiteSpace(sender.PostalAddress) ? "" : sender.PostalAddress;
        var read = string.IsNullOrEmpty(post.Url) ? "" :
            $"""<p><a href="{html.Encode(post.Url)}" style="display:inline-block;padding:10px 18px;background:#1a56db;color:#fff;text-decoration:none;border-radius:4px">Read the post</a></p>""";
        var htmlBody = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{html.Encode(title)}</title></head>
            <body style="margin:0;padding:24px;font-family:Georgia,serif;color:#222;background:#fafafa">
            <div style="max-width:600px;margin:0 auto;background:#fff;padding:24px;border-radius:6px">
            <p style="color:#666;font-size:14px">New on {html.Encode(sender.FromName)}</p>
            <h1 style="font-size:24px;line-height:1.3">{html.Encode(title)}</h1>
            <p style="font-size:16px;line-height:1.6">{html.Encode(post.Summary)}</p>
            {read}
            <hr style="border:none;border-top:1px solid #eee;margin:24px 0">
            <p style="color:#666;font-size:12px">You get this because you subscribed to {html.Encode(sender.FromName)}.
            <a href="{html.Encode(unsubscribeUrl)}">Unsubscribe</a> with one click.</p>
            <p style="color:#666;font-size:12px">{html.Encode(address)}</p>
            </div></body></html>
            """;
        var text = $"""
            New on {sender.FromName}

            {title}

            {post.Summary}

            {(string.IsNullOrEmpty(post.Url) ? "" : "Read the post: " + post.Url)}

            --
            You get this because you subscribed to {sender.FromName}.
            Unsubscribe: {unsubscribeUrl}
            {address}
            """;
        return new RenderedNewsletter(title, htmlBody, text);
    }
}
