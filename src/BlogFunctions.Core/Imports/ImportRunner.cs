using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// The two queue steps of an import. Plan: copy the upload to a local file, read it twice
/// (<see cref="ImportPlanner"/>), write the chunk files, then record the plan and send one message
/// per chunk. A malformed file fails the job in the first pass, before any chunk exists. Chunk:
/// write its comments through <see cref="CommentStore.ImportAsync"/> and record the chunk's
/// outcome. Both may run twice (at-least-once delivery, a crash): a planned job only sends the
/// messages of its unfinished chunks again, a finished chunk is not written again, and a chunk
/// cut short finds what it wrote by the rows' import keys.
/// </summary>
internal sealed partial class ImportRunner(ImportStore store, ImportBlobs blobs, CommentStore comments, ImportRows rows,
    CommentReadCache cache, WorkQueueClient queue, IOptionsMonitor<ImportOptions> options, TimeProvider time, ILogger<ImportRunner> logger)
{
    public Task QueueAsync(ImportMessage message, CancellationToken cancellationToken) =>
        queue.SendAsync(WorkQueues.Imports, message, ImportJson.Default.ImportMessage, TimeSpan.Zero, cancellationToken);

    /// <summary>The plan step of the queue: plan (once), then send a message per unfinished chunk.</summary>
    public async Task PlanAsync(string importId, CancellationToken cancellationToken)
    {
        if (await PlanJobAsync(importId, cancellationToken) is { State: not ImportStates.Failed, Chunks: { } chunks })
        {
            await SendChunksAsync(importId, chunks, cancellationToken);
        }
    }

    /// <summary>Plans the job unless it is planned or failed already; the job as it is then (null when unknown).</summary>
    public async Task<ImportJobEntity?> PlanJobAsync(string importId, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(importId, cancellationToken);
        if (job is null || job.State == ImportStates.Failed || job.Chunks is not null)
        {
            return job;
        }
        job.State = ImportStates.Running;
        await store.SaveAsync(job, cancellationToken);
        var path = Path.Combine(Path.GetTempPath(), "blog-import-" + importId);
        try
        {
            await blobs.DownloadSourceAsync(importId, path, cancellationToken);
            var planner = new ImportPlanner(job.Format, new PostIds(await blobs.ReadMapAsync(importId, cancellationToken)), options.CurrentValue.ChunkSize);
            var plan = await planner.PlanAsync(ImportFormats.Reader(job.Format, path),
                (n, items) => blobs.WriteChunkAsync(importId, n, items, cancellationToken), cancellationToken);
            (job.Read, job.Chunks, job.PlanSkipped, job.PlanFailed) = (plan.Read, plan.Chunks, plan.Skipped, plan.Failed);
            job.PlanReasons = ImportStore.Reasons([.. plan.Reasons]);
            LogPlanned(logger, importId, job.Format, plan.Read, plan.Chunks);
        }
        catch (ImportFormatException e)
        {
            job.State = ImportStates.Failed;
            job.Error = e.Message;
            LogFailed(logger, importId, job.Format, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
        await store.SaveAsync(job, cancellationToken);
        return job;
    }

    private async Task SendChunksAsync(string importId, int chunks, CancellationToken cancellationToken)
    {
        for (var n = 0; n < chunks; n++)
        {
            if (!await store.IsChunkDoneAsync(importId, n, cancellationToken))
            {
                await QueueAsync(new ImportMessage(importId, ImportMessage.Write, n), cancellationToken);
            }
        }
    }

    public async Task WriteChunkAsync(string importId, int chunk, CancellationToken cancellationToken)
    {
        var job = await store.GetAsync(importId, cancellationToken);
        if (job is null || await store.IsChunkDoneAsync(importId, chunk, cancellationToken))
        {
            return;
        }
        var items = await blobs.ReadChunkAsync(importId, chunk, cancellationToken);
        var keys = items.Select(i => job.Format + "|" + i.SourceId).ToList();
        var outcomes = await comments.ImportAsync(items.Select((item, i) => rows.From(item, keys[i])).ToList(), importId, cancellationToken);
        var reasons = new List<ImportReason>();
        var posts = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (outcomes[i] == ImportOutcome.AlreadyPresent)
            {
                reasons.Add(new ImportReason(items[i].SourceId, "already_imported"));
            }
            else
            {
                posts.Add(items[i].PostId);
            }
        }
        foreach (var post in posts)
        {
            cache.Invalidate(post);
        }
        await store.ChunkDoneAsync(new ImportChunkEntity
        {
            PartitionKey = importId,
            RowKey = ImportChunkEntity.Key(chunk),
            Imported = items.Count - reasons.Count,
            Skipped = reasons.Count,
            Reasons = ImportStore.Reasons([.. reasons.Take(ImportPlanner.MaxReasons)]),
            Posts = string.Join('\n', Capped(posts)),
            DoneAt = time.GetUtcNow(),
        }, cancellationToken);
    }

    /// <summary>As many post ids as fit well within a table property (64 KB).</summary>
    private static IEnumerable<string> Capped(IEnumerable<string> posts)
    {
        var length = 0;
        return posts.TakeWhile(p => (length += p.Length + 1) <= 30_000);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {ImportId} ({Format}): {Read} comments read, {Chunks} chunks queued")]
    private static partial void LogPlanned(ILogger logger, string importId, string format, int read, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {ImportId} ({Format}) failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string importId, string format, string error);
}
