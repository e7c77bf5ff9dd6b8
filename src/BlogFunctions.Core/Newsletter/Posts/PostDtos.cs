using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlogFunctions.Core.Newsletter.Posts;

/// <summary>Body of POST /api/posts.</summary>
internal sealed class PostRegistration
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
    public string? Summary { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
}

/// <summary>Answer of POST /api/posts: what the newsletter will do with the post.</summary>
internal sealed record PostRegistered(string Key, string Id, bool Created, string State, string? SkipReason);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PostRegistration))]
[JsonSerializable(typeof(PostRegistered))]
internal sealed partial class PostJson : JsonSerializerContext;
