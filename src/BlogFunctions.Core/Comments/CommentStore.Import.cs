using Azure;
using Azure.Data.Tables;

namespace BlogFunctions.Core.Comments;

/// <summary>One comment for <see cref="CommentStore.ImportAsync"/>: the row to add, and the key that makes it once-only.</summary>
internal sealed record ImportedRow(CommentEntity Comment, string SourceKey);

/// <summary>What became of an <see cref="ImportedRow"/>: written now, by this import before (a retried chunk), or before by another.</summary>
internal enum ImportOutcome
{
    Written,
    WrittenEarlierBySameImport,
    AlreadyPresent,
}

/// <summary>
/// Imports: comments from another system, written with <see cref="CommentEntity.Projected"/> = false,
/// so the projector writes their index and lookup rows and adds them to the count exactly as it
/// does for a POST. Beside each comment, in the same entity-group transaction, an aux row
/// <c>~import|format|hash(source id)</c> records that the source comment was imported: a second
/// import of it fails on that row and writes nothing, even after a moderator deleted the comment.
/// </summary>
internal sealed partial class CommentStore
{
    // Two rows per comment, 100 actions per transaction.
    private const int ImportBatch = 50;

    public static string ImportRowKey(string sourceKey) =>
        CommentTables.AuxPrefix + "import|" + Convert.ToHexStringLower(
            System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(sourceKey)), 0, 16);

    /// <summary>Writes the rows (one transaction per post and batch), then projects what it wrote.</summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportAsync(IReadOnlyList<ImportedRow> rows, string importId,
        CancellationToken cancellationToken)
    {
        var outcomes = new ImportOutcome[rows.Count];
        var written = new List<ProjectionMarker>();
        var indexed = rows.Select((r, i) => (Row: r, Index: i)).ToList();
        foreach (var batch in indexed.GroupBy(r => r.Row.Comment.PostId, StringComparer.Ordinal).SelectMany(g => g.Chunk(ImportBatch)))
        {
            var pending = batch.ToList();
            while (pending.Count > 0)
            {
                foreach (var (row, _) in pending)
                {
                    row.Comment.Projected = false;
                    row.Comment.ProjectionDelta = Approved(row.Comment.Status);
                    row.Comment.ImportId = importId;
                }
                var actions = pending.SelectMany(p => new TableTransactionAction[]
                {
                    new(TableTransactionActionType.Add, p.Row.Comment),
                    new(TableTransactionActionType.Add, new TableEntity(p.Row.Comment.PostId, ImportRowKey(p.Row.SourceKey))
                    {
                        ["ImportId"] = importId, ["CommentId"] = p.Row.Comment.Id,
                    }),
                }).ToList();
                try
                {
                    var responses = (await Comments.SubmitTransactionAsync(actions, cancellationToken)).Value;
                    for (var i = 0; i < pending.Count; i++)
                    {
                        pending[i].Row.Comment.ETag = responses[2 * i].Headers.ETag ?? default;
                        outcomes[pending[i].Index] = ImportOutcome.Written;
                        written.Add(ProjectionMarker.ForNew(pending[i].Row.Comment));
                    }
                    pending = [];
                }
                catch (TableTransactionFailedException e) when (e.Status == 409)
                {
                    // Some of them are there already: find which, leave them out, write the rest.
                    var present = await PresentAsync(pending.Select(p => p.Row).ToList(), importId, cancellationToken);
                    foreach (var (key, (outcome, marker)) in present)
                    {
                        var found = pending.First(p => p.Row.Comment.Id == key);
                        outcomes[found.Index] = outcome;
                        if (marker is not null)
                        {
                            written.Add(marker);
                        }
                    }
                    if (present.Count == 0)
                    {
                        throw;
                    }
                    pending = pending.Where(p => !present.ContainsKey(p.Row.Comment.Id)).ToList();
                }
            }
        }
        if (written.Count > 0)
        {
            await projector.ProjectAsync(written, cancellationToken);
        }
        return outcomes;
    }

    /// <summary>
    /// Which of the rows are stored already (by comment id), and how: by this import (a retried
    /// chunk; its marker when the projection did not finish) or by anything else.
    /// </summary>
    private async Task<Dictionary<string, (ImportOutcome, ProjectionMarker?)>> PresentAsync(IReadOnlyList<ImportedRow> rows,
        string importId, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, (ImportOutcome, ProjectionMarker?)>(StringComparer.Ordinal);
        var checks = rows.Select(async r =>
        {
            var aux = await Comments.GetEntityIfExistsAsync<TableEntity>(r.Comment.PostId, ImportRowKey(r.SourceKey),
                select: ["ImportId"], cancellationToken);
            var comment = await Comments.GetEntityIfExistsAsync<TableEntity>(r.Comment.PostId, r.Comment.Id,
                select: [.. ProjectionMarker.Columns, nameof(CommentEntity.Projected)], cancellationToken);
            if (!aux.HasValue && !comment.HasValue)
            {
                return ((string, ImportOutcome, ProjectionMarker?)?)null;
            }
            var mine = aux.HasValue && aux.Value!.GetString("ImportId") == importId;
            var marker = mine && comment.HasValue && comment.Value!.GetBoolean(nameof(CommentEntity.Projected)) == false
                ? ProjectionMarker.FromEntity(comment.Value)
                : null;
            return (r.Comment.Id, mine ? ImportOutcome.WrittenEarlierBySameImport : ImportOutcome.AlreadyPresent, marker);
        });
        foreach (var hit in await Task.WhenAll(checks))
        {
            if (hit is { } h)
            {
                found[h.Item1] = (h.Item2, h.Item3);
            }
        }
        return found;
    }
}
