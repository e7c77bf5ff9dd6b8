using System.Globalization;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>Recipients that get the same email: a post's, or a digest's listing the same posts (<see cref="ChunkEntity.Posts"/>).</summary>
internal sealed record PlanGroup(string Posts, IReadOnlyList<(string Shard, NewsletterRecipient Recipient)> Recipients);

/// <summary>What planning produced: the post as committed, and, when this run's plan won, who is in each chunk.</summary>
internal sealed record PlanResult(PostEntity? Post, PlannedRecipients? Recipients);

/// <summary>
/// Fixes who gets a post: one pass over the active subscribers of all shards (read in parallel),
/// cut in key order into chunks, written as chunk rows under a fresh plan id, then the plan id is
/// committed on the post with its ETag. Rows of a plan that lost that race are never read (and
/// are deleted). The winner keeps the addresses it read, so the same run sends without re-reading.
/// </summary>
internal sealed partial class ChunkPlanner(ChunkStore chunks, PostStore posts, SubscriberScan scan, DigestGroups digests, SendFaults faults,
    IOptionsMonitor<NewsletterDispatchOptions> options, TimeProvider time, ILogger<ChunkPlanner> logger)
{
    /// <summary>Plans a post for its each-post subscribers, or a weekly digest for its weekly ones.</summary>
    public async Task<PlanResult> PlanAsync(PostEntity post, CancellationToken cancellationToken) =>
        await CommitAsync(post, post.PartitionKey == PostEntity.DigestPartition
            ? await digests.ForAsync(post, cancellationToken)
            : [new PlanGroup("", await scan.ActiveAsync(cancellationToken))], cancellationToken);

    /// <summary>
    /// Cuts each group of recipients (in order; a group never shares a chunk with another) into chunks,
    /// writes them under a fresh plan id and commits the plan on <paramref name="post"/> (a post, or a
    /// weekly digest) with its ETag.
    /// </summary>
    public async Task<PlanResult> CommitAsync(PostEntity post, IReadOnlyList<PlanGroup> groups, CancellationToken cancellationToken)
    {
        var planId = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + Guid.NewGuid().ToString("N")[..6];
        var size = options.CurrentValue.ChunkSize;
        var chunked = groups.SelectMany(g => g.Recipients.Chunk(size).Select(c => (g.Posts, Recipients: c))).ToList();
        var recipients = chunked.Sum(c => c.Recipients.Length);
        var rows = chunked
            .Select((chunk, index) => new ChunkEntity
            {
                PartitionKey = post.RowKey,
                RowKey = ChunkEntity.RowKeyFor(planId, index),
                PlanId = planId,
                Index = index,
                Recipients = RecipientList.Encode(RecipientList.Group(chunk.Recipients.Select(r => (r.Shard, r.Recipient.Key)))),
                RecipientCount = chunk.Recipients.Length,
                Posts = chunk.Posts,
            })
            .ToList();
        await chunks.WritePlanAsync(rows, cancellationToken);
        faults.At(SendFaults.PlanWritten);

        post.PlanId = planId;
        post.ChunkCount = rows.Count;
        post.RecipientCount = recipients;
        post.PlannedAt = time.GetUtcNow();
        post.State = rows.Count == 0 ? PostState.Done : PostState.Dispatching;
        post.CompletedAt = rows.Count == 0 ? post.PlannedAt : null;
        if (await posts.TryUpdateAsync(post, cancellationToken))
        {
            LogPlanned(logger, post.PostId, recipients, rows.Count, planId);
            return new PlanResult(post, new PlannedRecipients(planId, [.. chunked.Select(c => c.Recipients.Select(r => r.Recipient).ToList())]));
        }
        // Another run committed its own plan first: ours must never be sent.
        await chunks.DeletePlanAsync(rows, cancellationToken);
        return new PlanResult(await posts.GetAsync(post.RowKey, cancellationToken), null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Post {PostId}: planned {Recipients} recipients in {Chunks} chunks (plan {PlanId})")]
    private static partial void LogPlanned(ILogger logger, string postId, int recipients, int chunks, string planId);
}

/// <summary>
/// The recipients of each chunk of one plan, as read by the run that planned it. Each chunk's list
/// is handed out once and then forgotten, so a dispatch can free a chunk's addresses once it is
/// sent instead of holding every recipient until the last chunk.
/// </summary>
internal sealed class PlannedRecipients(string planId, List<NewsletterRecipient>?[] chunks)
{
    public string PlanId => planId;

    public int Count => chunks.Length;

    /// <summary>The chunk's recipients, or null when already taken (the sender then reads them from the plan).</summary>
    public List<NewsletterRecipient>? Take(int index) =>
        index >= 0 && index < chunks.Length ? Interlocked.Exchange(ref chunks[index], null) : null;
}
