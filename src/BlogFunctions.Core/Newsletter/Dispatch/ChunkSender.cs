using Azure;
using BlogFunctions.Core.Email;
using BlogFunctions.Core.Newsletter.Posts;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>
/// One chunk's exactly-once step on <see cref="ClaimedSend"/>: claim (state "sending",
/// ETag-conditional), send its single request, record the outcome.
/// </summary>
internal sealed partial class ChunkSender(ChunkStore chunks, ChunkRecipients recipients, INewsletterTransport transport,
    PostStore posts, ClaimedSend engine, ILogger<ChunkSender> logger)
{
    public static bool IsClaimable(ChunkEntity chunk, NewsletterDispatchOptions settings) =>
        chunk.State == ChunkState.Planned || (chunk.State == ChunkState.Failed && chunk.Attempts < settings.MaxChunkAttempts);

    /// <param name="post">The post whose committed plan the chunk belongs to.</param>
    /// <param name="chunk">The chunk's status columns as listed (their ETag is what the claim is conditional on).</param>
    /// <param name="planned">Its recipients as read by this run's planning; null re-reads them from the plan.</param>
    /// <param name="cancellationToken">Only used for the claim and between retries.</param>
    /// <returns>Recipients sent to, or null when another run claimed the chunk first.</returns>
    public async Task<int?> ClaimAndSendAsync(PostEntity post, ChunkEntity chunk, List<NewsletterRecipient>? planned,
        CancellationToken cancellationToken)
    {
        // Read before the claim: a failed read then leaves the chunk claimable, never uncertain.
        var digest = await DigestPostsAsync(chunk, cancellationToken);
        var run = await engine.RunAsync(new ChunkClaim(chunks, chunk), async () =>
        {
            var active = planned ?? await ReadRecipientsAsync(post, chunk);
            if (active.Count == 0 || (chunk.Posts.Length > 0 && digest.Count == 0))
            {
                return new ChunkSendResult(new SendResult(SendOutcome.Sent), 0); // nobody left, or a digest whose posts are all gone
            }
            return new ChunkSendResult(await transport.SendAsync(new NewsletterBatch(post, chunk.Index, active) { Digest = digest },
                cancellationToken), active.Count);
        }, r => r.Result.Outcome switch
        {
            SendOutcome.Sent => BatchState.Sent,
            SendOutcome.Failed => BatchState.Failed,
            _ => BatchState.Uncertain,
        }, cancellationToken);
        if (run is null)
        {
            return null;
        }
        if (run.Outcome != BatchState.Sent)
        {
            LogChunkProblem(logger, post.PostId, chunk.Index, chunk.State, chunk.LastError);
        }
        return chunk.SentCount;
    }

    /// <summary>The posts a digest chunk lists (one point read each; a post deleted since is left out); none for a post's chunk.</summary>
    private async Task<List<PostEntity>> DigestPostsAsync(ChunkEntity chunk, CancellationToken cancellationToken)
    {
        var listed = new List<PostEntity>();
        foreach (var key in chunk.Posts.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (await posts.GetAsync(key, cancellationToken) is { } post)
            {
                listed.Add(post);
            }
        }
        return listed;
    }

    /// <summary>A chunk sent by a later run (after a crash, a failure or a resend): who of its plan is still active.</summary>
    private async Task<List<NewsletterRecipient>> ReadRecipientsAsync(PostEntity post, ChunkEntity chunk)
    {
        try
        {
            var full = chunk.Recipients.Length > 0 ? chunk : await chunks.GetAsync(post, chunk.Index, CancellationToken.None)
                ?? throw new RequestFailedException(404, "The chunk row vanished.");
            return await recipients.ActiveAsync(full, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or IOException or OperationCanceledException)
        {
            // Nothing left yet: hand the chunk back rather than let it turn uncertain.
            chunk.State = ChunkState.Failed;
            chunk.LastError = "Reading the recipients failed: " + e.Message;
            await chunks.TryUpdateAsync(chunk, ETag.All, CancellationToken.None);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Post {PostId}: chunk {Chunk} is {State}: {Error}")]
    internal static partial void LogChunkProblem(ILogger logger, string postId, int chunk, string state, string? error);
}
