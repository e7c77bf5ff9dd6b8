using Azure.Data.Tables;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>The comments one digest lists, and how many more held comments it only counts.</summary>
internal sealed record DigestBatch(IReadOnlyList<CommentEntity> Comments, int More);

/// <summary>Reads the notices of a time range and the comments behind them that are still pending.</summary>
internal sealed class DigestBatchReader(ModerationNoticeStore notices, CommentStore comments, CommentProjector projector)
{
    /// <summary>Comments listed with links in one email; more are counted and left to the moderation queue.</summary>
    public const int MaxListed = 50;

    private const int ParallelReads = 16;

    /// <summary>Notices written after <paramref name="after"/> and up to <paramref name="through"/>, oldest first.</summary>
    public Task<List<ModerationNoticeEntity>> NoticesAsync(DateTimeOffset after, DateTimeOffset through, CancellationToken cancellationToken) =>
        notices.BetweenAsync(after, through, cancellationToken);

    /// <summary>
    /// The comments of <paramref name="notices"/> that are still pending, at most <see cref="MaxListed"/>;
    /// a comment moderated since it was held is left out.
    /// </summary>
    public async Task<DigestBatch> PendingAsync(IReadOnlyList<ModerationNoticeEntity> notices, CancellationToken cancellationToken)
    {
        var unique = notices.DistinctBy(n => (n.PostId, n.CommentId)).ToList();
        var listed = new List<CommentEntity>();
        var read = 0;
        while (read < unique.Count && listed.Count < MaxListed)
        {
            var slice = unique.Skip(read).Take(ParallelReads).ToList();
            read += slice.Count;
            var found = await Task.WhenAll(slice.Select(n => ReadProjectedAsync(n.PostId, n.CommentId, cancellationToken)));
            listed.AddRange(found.Where(c => c?.Status == CommentStatus.Pending).Select(c => c!));
        }
        var more = Math.Max(0, listed.Count - MaxListed) + (unique.Count - read);
        return new DigestBatch(listed.Take(MaxListed).ToList(), more);
    }

    /// <summary>
    /// The comment, projected first if it is not yet (rare: the projector is seconds behind at
    /// most, unless storage was out). Its links carry its ETag, and the projector's flag write
    /// would change that and turn every link of the email into a conflict.
    /// </summary>
    private async Task<CommentEntity?> ReadProjectedAsync(string postId, string commentId, CancellationToken cancellationToken)
    {
        var comment = await comments.GetAsync(postId, commentId, cancellationToken);
        if (comment is not { Projected: false })
        {
            return comment;
        }
        await projector.ProjectAsync([ProjectionMarker.ForNew(comment)], cancellationToken);
        return await comments.GetAsync(postId, commentId, cancellationToken);
    }
}
