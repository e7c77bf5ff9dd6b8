using System.Text.Json;
using System.Text.Json.Serialization;
using BlogFunctions.Core.Newsletter.Posts;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>One newsletter step: <c>sync</c> (feed, then every open post), <c>plan</c> a post or a weekly digest, <c>send</c> one chunk of either.</summary>
internal sealed record NewsletterStep(string Step, string? Post = null, int? Chunk = null)
{
    public const string Sync = "sync";
    public const string Plan = "plan";
    public const string Send = "send";
}

[JsonSerializable(typeof(NewsletterStep))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class NewsletterStepJson : JsonSerializerContext;

internal static class NewsletterStepKeys
{
    /// <summary>What a plan or send step may name: a post's key, or a weekly digest's.</summary>
    public static bool LooksValid(string key) => PostKeys.LooksValid(key) || PostKeys.LooksLikeDigest(key);
}
