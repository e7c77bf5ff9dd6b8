using BlogFunctions.Core.Queues;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>The newsletter status; <see cref="Queues"/> shows waiting work and poison messages of every work queue.</summary>
public sealed record NewsletterOverview(FeedStatus? Feed, IReadOnlyList<PostStatus> Posts, IReadOnlyList<QueueState> Queues);

/// <summary>What POST newsletter/run queued, and where its progress shows.</summary>
public sealed record NewsletterRunQueued(string Queued, string Status);

public sealed record FeedStatus(string Url, DateTimeOffset? LastSyncAt, DateTimeOffset? LastChangedAt, int Items, string? LastError);

public sealed record PostStatus(
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

public sealed record ChunkCounts(int Total, int Planned, int Sending, int Sent, int Failed, int Uncertain);

/// <summary>A chunk needing attention, with the route that sends it again.</summary>
public sealed record ChunkProblem(int Chunk, string State, int Recipients, int Attempts, string? LastError,
    DateTimeOffset? ClaimedAt, string? Resend);

public sealed record ResendResult(string Key, int Chunk, string State, int SentCount, string? LastError);
