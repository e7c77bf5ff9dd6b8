using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Domain;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Comments;

/// <summary>What <see cref="CommentStore.CreateAsync"/> did: stored the comment, or found its body already on the post.</summary>
internal abstract record CreateResult
{
    public sealed record Created(ProjectionMarker Marker) : CreateResult;

    /// <summary>Nothing stored: screen again as a duplicate, then retry with <see cref="FingerprintETag"/>.</summary>
    public sealed record DuplicateBody(DateTimeOffset? LastSeen, ETag FingerprintETag) : CreateResult;
}

/// <summary>
/// All writes to the comment tables. Everything that must agree with a comment lives in the
/// comment's own partition and changes with it in one entity-group transaction: the body
/// fingerprint (<c>~body|hash</c>) and the approved count (<c>~count</c>); whether its derived
/// rows are written yet is a column of the comment row itself (<see cref="CommentEntity.Projected"/>).
/// What lives in other partitions (moderation index, email lookups)
/// is derived afterwards, in an order that leaves only repairable states after a crash:
/// <list type="bullet">
/// <item>Create: see <see cref="CommentProjector"/> (one transaction, then the projector).</item>
/// <item>Status change: comment + count in one transaction (both ETag-guarded), then
/// <see cref="SyncAsync"/> makes the index rows converge on the stored status (see
/// <see cref="SetStatusAsync"/>). A crash in between leaves a stale or missing index row; the
/// moderation list repairs a stale one it meets, <see cref="CommentReconciler"/> any. A change of
/// a comment not projected yet writes its derived rows first and clears its flag and adds its
/// delta in that transaction.</item>
/// <item>Delete: comment + count in one transaction, then the derived rows. A crash in between
/// leaves index rows pointing at nothing (or at a tombstone), which the moderation list drops.
/// Deleting a comment not projected yet adds its pending delta in that same transaction, since
/// the projector then finds it gone (or a tombstone) and counts nothing.
/// A comment that holds replies becomes a tombstone instead (see <see cref="DeleteAsync"/>).</item>
/// </list>
/// </summary>
internal sealed partial class CommentStore(BlogTables tables, CommentProjector projector)
{
    private const int CountAttempts = 10;

    private TableClient Comments => tables[CommentTables.Comments];
    private TableClient Index => tables[CommentTables.Index];
    private TableClient Lookups => tables[CommentTables.Lookups];

    public async Task<CommentEntity?> GetAsync(string postId, string commentId, CancellationToken cancellationToken)
    {
        var response = await Comments.GetEntityIfExistsAsync<CommentEntity>(postId, commentId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Stores a new comment (<see cref="CommentEntity.Projected"/> = false) and its body fingerprint
    /// in one transaction. The fingerprint is inserted optimistically: when the body was seen before,
    /// nothing is stored and the caller hears when; it retries with <paramref name="fingerprintETag"/>,
    /// which replaces the fingerprint only if nobody else did meanwhile.
    /// </summary>
    public async Task<CreateResult> CreateAsync(CommentEntity comment, string bodyHash, ETag? fingerprintETag,
        CancellationToken cancellationToken)
    {
        comment.Projected = false;
        comment.ProjectionDelta = Approved(comment.Status);
        var fingerprint = new TableEntity(comment.PostId, CommentTables.BodyRowKey(bodyHash)) { ["SeenAt"] = comment.CreatedAt };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, comment),
            fingerprintETag is { } etag
                ? new(TableTransactionActionType.UpdateReplace, fingerprint, etag)
                : new(TableTransactionActionType.Add, fingerprint),
        ];
        try
        {
            var responses = await Comments.SubmitTransactionAsync(actions, cancellationToken);
            comment.ETag = responses.Value[0].Headers.ETag ?? default;
            return new CreateResult.Created(ProjectionMarker.ForNew(comment));
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 || (fingerprintETag is not null && e.Status is 404 or 412))
        {
            // The comment has a fresh key, so the conflict is the fingerprint.
            var seen = await Comments.GetEntityIfExistsAsync<TableEntity>(comment.PostId, fingerprint.RowKey,
                select: ["SeenAt"], cancellationToken);
            return seen.HasValue
                ? new CreateResult.DuplicateBody(seen.Value!.GetDateTimeOffset("SeenAt"), seen.Value.ETag)
                : new CreateResult.DuplicateBody(null, default);
        }
    }

    /// <summary>
    /// Commits a change of the comment (action 0) together with the count. Null when either moved
    /// meanwhile: the caller reads again and retries (a changed comment then is stale or a conflict,
    /// see <see cref="SetStatusAsync"/>).
    /// </summary>
    private async Task<IReadOnlyList<Response>?> TryCommitAsync(List<TableTransactionAction> actions, string postId, int delta,
        int attempt, CancellationToken cancellationToken)
    {
        if (delta != 0)
        {
            actions.Add(await CommentProjector.CountChangeAsync(Comments, postId, delta, cancellationToken));
        }
        try
        {
            return (await Comments.SubmitTransactionAsync(actions, cancellationToken)).Value;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // The comment or the count moved (or the comment vanished): read both again, unless that keeps happening.
            return attempt < CountAttempts ? null : throw Stale();
        }
    }

    private static int Approved(string status) => status == CommentStatus.Approved ? 1 : 0;

    private static void RequireMatch(CommentEntity comment, ETag? ifMatch)
    {
        if (ifMatch is { } expected && expected != ETag.All && expected != comment.ETag)
        {
            throw Stale();
        }
    }

    /// <summary>Another request moderated the comment while this one ran: nothing of this one was written.</summary>
    private static ConflictException Conflict(string status) => new("moderation_conflict", "The comment was moderated meanwhile",
        $"Someone else changed this comment to {status} while your request ran, so it was not changed. Read it again, then decide.");

    private static PreconditionFailedException Stale() => new("precondition_failed", "The comment has changed",
        "Someone changed this comment since you read it. Read it again, then retry.");
}
