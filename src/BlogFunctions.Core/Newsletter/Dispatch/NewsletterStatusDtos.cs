using System.Text.Json;
using System.Text.Json.Serialization;
using BlogFunctions.Core.Queues;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>The newsletter status; <see cref="Queues"/> shows waiting work and poison messages of every work queue.</summary>
internal sealed record NewsletterOverview(FeedStatus? Feed, IReadOnlyList<PostStatus> Posts, IReadOnlyList<QueueState> Queues);

/// <summary>What POST newsletter/run queued, and where its progress shows.</summary>
internal sealed record NewsletterRunQueued(string Queued, string Status);

internal sealed record FeedStatus(string Url, DateTimeOffset? LastSyncAt, DateTimeOffset? LastChangedAt, int Items, string? LastError);

internal sealed record PostStatus(
    string Key,
    string Id,
    string Title,
    string Url,
    string Source,
    string State,
    string? SkipReason,
    DateTimeOffset? PublishedAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? PlannedAt,
    DateTimeOffset? CompletedAt,
    int Recipients,
    int SentRecipients,
    ChunkCounts Chunks,
    IReadOnlyList<ChunkProblem> Problems);

internal sealed record ChunkCounts(int Total, int Planned, int Sending, int Sent, int Failed, int Uncertain);

/// <summary>A chunk needing attention, with the route that sends it again.</summary>
internal sealed record ChunkProblem(int Chunk, string State, int Recipients, int Attempts, string? LastError,
    DateTimeOffset? ClaimedAt, string? Resend);

internal sealed record ResendResult(string Key, int Chunk, string State, int SentCount, string? LastError);

/// <summary>The newsletter moderator routes' answers, generated at build time.</summary>
[JsonSerializable(typeof(NewsletterOverview))]
[JsonSerializable(typeof(NewsletterRunQueued))]
[JsonSerializable(typeof(ResendResult))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class NewsletterStatusJson : JsonSerializerContext;
