using System.Text.Json.Nodes;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// The body one endpoint gets: the signed envelope (json), or what a chat's incoming webhook
/// accepts, so a channel can be told without a relay in between. Chat bodies are plain text built
/// from the event's sentence; they are signed too, though chats ignore the headers.
/// </summary>
internal static class WebhookFormatter
{
    public const int DiscordMaxContent = 2000;

    public static string Render(string format, WebhookEvent e) => format switch
    {
        WebhookFormats.Slack => new JsonObject { ["text"] = SlackEscape(e.Text) }.ToJsonString(),
        WebhookFormats.Discord => Discord(e),
        WebhookFormats.Teams => Teams(e),
        _ => e.Envelope(),
    };

    // Slack reads &, < and > as markup (<!channel>, <url|label>): escaped, a comment cannot ping or disguise a link.
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Discord(WebhookEvent e)
    {
        var content = e.Text.Length <= DiscordMaxContent ? e.Text : e.Text[..(DiscordMaxContent - 1)] + "…";
        // No @everyone or role pings from a commenter's text.
        return new JsonObject { ["content"] = content, ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } }.ToJsonString();
    }

    /// <summary>A message with one Adaptive Card: what Teams' Workflows webhooks (and the older connectors) accept.</summary>
    private static string Teams(WebhookEvent e)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = e.Title, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
                new JsonObject { ["type"] = "TextBlock", ["text"] = e.Text, ["wrap"] = true }),
        };
        if (e.Link is { } link)
        {
            card["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = e.LinkLabel ?? "Open", ["url"] = link });
        }
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        }.ToJsonString();
    }
}
