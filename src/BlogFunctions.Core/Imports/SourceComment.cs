namespace BlogFunctions.Core.Imports;

/// <summary>What a source said about a comment's state, before our statuses apply (see <see cref="ImportPlanner"/>).</summary>
internal enum SourceState
{
    Approved,
    Pending,
    Spam,
    Rejected,

    /// <summary>Deleted or trashed at the source: skipped, or kept as a placeholder when live replies hang under it.</summary>
    Deleted,

    /// <summary>Not a comment we import at all (a pingback, a trackback): skipped with <see cref="SourceComment.SkipReason"/>.</summary>
    Ignored,
}

/// <summary>The body as the source stores it: HTML is turned into Markdown first, Markdown is used as it is.</summary>
internal enum BodyKind
{
    Html,
    Markdown,
}

/// <summary>
/// One comment as a reader (<see cref="ISourceReader"/>) found it, in the source's own terms:
/// ids are the source's, the thread is a URL (or a path) that <see cref="PostIds"/> turns into a post id.
/// </summary>
internal sealed record SourceComment(
    string SourceId,
    string? ParentSourceId,
    string ThreadUrl,
    DateTimeOffset? CreatedAt,
    string Author,
    string? Email,
    string? Website,
    string Body,
    BodyKind Kind,
    SourceState State)
{
    /// <summary>Why an <see cref="SourceState.Ignored"/> comment is left out.</summary>
    public string? SkipReason { get; init; }

    /// <summary>A second way to name the post when the URL gives none (WordPress's post_name).</summary>
    public string? ThreadName { get; init; }

    /// <summary>Our own export (format blogfunctions): what the comment was here, kept as it was.</summary>
    public NativeFields? Native { get; init; }
}

/// <summary>The fields of our own export that no other source has.</summary>
internal sealed record NativeFields(string PostId, string CommentId, string? ParentId, string Status, DateTimeOffset? ModeratedAt,
    string Reasons, string? ImportedFrom);

/// <summary>A file that is not what its format says (malformed XML, truncated JSON): the import fails, nothing is written.</summary>
internal sealed class ImportFormatException(string message, Exception? inner = null) : Exception(message, inner)
{
    public ImportFormatException() : this("The file is not valid") { }

    public ImportFormatException(string message) : this(message, null) { }
}

/// <summary>Reads one format. Enumerating twice reads the file twice (the planner's two passes), never holding it in memory.</summary>
internal interface ISourceReader
{
    IAsyncEnumerable<SourceComment> ReadAsync(CancellationToken cancellationToken);
}
