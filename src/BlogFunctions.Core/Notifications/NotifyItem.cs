using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlogFunctions.Core.Notifications;

/// <summary>What a notification says happened to the comment it names.</summary>
internal static class NotifyKind
{
    /// <summary>A reply to the recipient's comment was approved.</summary>
    public const string Reply = "reply";

    /// <summary>A comment on a post the recipient follows was approved.</summary>
    public const string Post = "post";

    /// <summary>The recipient's own held comment was approved.</summary>
    public const string Live = "live";
}

/// <summary>One line of a notification email: the approved comment it is about.</summary>
internal sealed record NotifyItem(
    [property: JsonPropertyName("k")] string Kind,
    [property: JsonPropertyName("p")] string PostId,
    [property: JsonPropertyName("c")] string CommentId,
    [property: JsonPropertyName("s")] string? SubscribedTo = null);

/// <summary>A queue message of the notifications queue (see <see cref="NotifyWork"/>).</summary>
internal sealed record NotifyMessage(
    [property: JsonPropertyName("t")] string Type,
    [property: JsonPropertyName("p")] string? PostId = null,
    [property: JsonPropertyName("c")] string? CommentId = null,
    [property: JsonPropertyName("h")] string? EmailHash = null,
    [property: JsonPropertyName("b")] string? BatchId = null,
    [property: JsonPropertyName("cs")] IReadOnlyList<string>? CommentIds = null)
{
    /// <summary>The comments of a "published" message (<see cref="CommentId"/> alone in messages queued before lists).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> PublishedIds => CommentIds ?? (CommentId is null ? [] : [CommentId]);

    public const string Published = "published";
    public const string Confirm = "confirm";
    public const string Send = "send";
}

[JsonSerializable(typeof(List<NotifyItem>))]
[JsonSerializable(typeof(NotifyMessage))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class NotifyJson : JsonSerializerContext;
