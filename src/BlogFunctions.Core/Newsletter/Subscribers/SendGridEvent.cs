using System.Text.Json;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>The fields of one SendGrid event this app uses; custom args arrive as extra top-level members.</summary>
internal sealed record SendGridEvent(string? EventId, string? Event, string? Email, string? MessageId, string? Reason,
    string? PostId, string? CommentId)
{
    public static List<SendGridEvent> ParseAll(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("not an array");
        }
        var list = new List<SendGridEvent>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            list.Add(new SendGridEvent(Str(e, "sg_event_id"), Str(e, "event"), Str(e, "email"), Str(e, "sg_message_id"),
                Str(e, "reason") ?? Str(e, "response") ?? Str(e, "type"), Str(e, "postId"), Str(e, "commentId")));
        }
        return list;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
