using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// One event as every format needs it: the envelope's fields and data (json), and a title, a
/// plain-text sentence and a link for the chat formats. <see cref="PostId"/> and <see cref="CommentId"/>
/// go to the delivery log.
/// </summary>
internal sealed record WebhookEvent(string Id, string Type, DateTimeOffset CreatedAt, JsonObject Data, string Title, string Text)
{
    public string? Link { get; init; }
    public string? LinkLabel { get; init; }
    public string? PostId { get; init; }
    public string? CommentId { get; init; }

    /// <summary>
    /// An id derived from what happened, so the same event raised twice (a moderator's retried
    /// approval, a second run finishing a post) reaches a receiver under one id.
    /// </summary>
    public static string StableId(string type, string key) =>
        "evt_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(type + "|" + key)))[..32];

    /// <summary>For events that happen once by construction (a confirmation's single pending → active write).</summary>
    public static string NewId() => "evt_" + Guid.CreateVersion7().ToString("N");

    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The json format's body: <c>{id, type, createdAt, data}</c>.</summary>
    public string Envelope() => new JsonObject
    {
        ["id"] = Id,
        ["type"] = Type,
        ["createdAt"] = Time(CreatedAt),
        ["data"] = Data.DeepClone(),
    }.ToJsonString();
}

/// <summary>
/// A queued delivery: the body is rendered when the event happens (one per endpoint and format), so
/// every attempt sends the same bytes; only the signature's timestamp is new per attempt. The
/// endpoint is found again by URL, so a rotated secret applies to retries already queued.
/// </summary>
internal sealed record WebhookMessage(string Url, string Id, string Type, DateTimeOffset At, int Attempt, string Body)
{
    public string? PostId { get; init; }
    public string? CommentId { get; init; }
}

[JsonSerializable(typeof(WebhookMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class WebhookMessageJson : JsonSerializerContext;
