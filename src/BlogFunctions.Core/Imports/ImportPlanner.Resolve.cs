using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Imports;

/// <summary>Pass 2 of <see cref="ImportPlanner"/>: one source comment as the <see cref="ImportItem"/> a chunk writes, or null when left out.</summary>
internal sealed partial class ImportPlanner
{
    private ImportItem? Resolve(SourceComment c)
    {
        var entry = _entries[Hash(c.SourceId)];
        if (c.State == SourceState.Ignored)
        {
            return Skip(c.SourceId, c.SkipReason ?? "not_a_comment");
        }
        if (c.State == SourceState.Deleted && (entry.Flags & Flags.Kept) == 0)
        {
            return Skip(c.SourceId, "deleted");
        }
        var postId = c.Native?.PostId ?? postIds.Resolve(c.ThreadUrl, c.ThreadName);
        if (postId is null || !CommentIds.IsValidPostId(postId))
        {
            _failed++;
            Note(c.SourceId, "no_post_id: " + c.ThreadUrl);
            return null;
        }
        var createdAt = new DateTimeOffset(entry.Ticks, TimeSpan.Zero);
        var parentId = c.Native is { } native ? native.ParentId : ParentId(c.ParentSourceId);
        var deleted = c.State == SourceState.Deleted;
        var reasons = c.Native?.Reasons ?? string.Join('\n', new[]
        {
            "imported:" + format,
            (entry.Flags & Flags.Undated) != 0 ? "date_missing" : null,
            c.ParentSourceId is not null && parentId is null ? "parent_missing" : null,
        }.OfType<string>());
        return new ImportItem(c.SourceId, postId, c.Native?.CommentId ?? CommentIds.ForImport(createdAt, SourceKey(c.SourceId)), parentId,
            c.Native?.Status ?? Status(c.State), createdAt, c.Native?.ModeratedAt,
            deleted ? "" : SourceFields.Author(c.Author), deleted ? null : SourceFields.Email(c.Email),
            deleted ? null : SourceFields.Website(c.Website),
            deleted ? "" : c.Kind == BodyKind.Html ? HtmlToMarkdown.Convert(c.Body) : c.Body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim(),
            reasons, c.Native is { } n ? n.ImportedFrom : format + ":" + c.SourceId);
    }

    private string? ParentId(string? parentSourceId) =>
        parentSourceId is not null && _entries.TryGetValue(Hash(parentSourceId), out var parent)
            && (parent.Flags & Flags.Ignored) == 0 && ((parent.Flags & Flags.Deleted) == 0 || (parent.Flags & Flags.Kept) != 0)
            ? CommentIds.ForImport(new DateTimeOffset(parent.Ticks, TimeSpan.Zero), SourceKey(parentSourceId))
            : null;

    /// <summary>What makes a source comment once-only: its format and its id there.</summary>
    public string SourceKey(string sourceId) => format + "|" + sourceId;

    private static string Status(SourceState state) => state switch
    {
        SourceState.Approved => CommentStatus.Approved,
        SourceState.Spam => CommentStatus.Spam,
        SourceState.Rejected => CommentStatus.Rejected,
        SourceState.Deleted => CommentStatus.Deleted,
        _ => CommentStatus.Pending,
    };
}
