using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// <c>GET posts/{postId}/comments/status?id=…</c>: lets the widget learn what became of the comments its
/// reader posted and still shows as "awaiting moderation". The answer knows three words only:
/// pending, approved and gone (rejected, deleted, unknown, or spam a moderator confirmed), so
/// nobody learns more than that the comment will not appear.
/// </summary>
internal sealed class CommentStatusHandler(CommentStore store)
{
    public const int MaxIds = 20;
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Gone = "gone";

    public async Task<IResult> StatusAsync(HttpRequest request, string postId, CancellationToken cancellationToken)
    {
        CommentInput.PostId(postId);
        var ids = request.Query["id"].Select(v => v ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > MaxIds)
        {
            throw ProblemException.Validation("invalid_comment_ids", $"Give 1 to {MaxIds} 'id' parameters.", "id");
        }
        if (ids.FirstOrDefault(id => !CommentIds.IsValid(id)) is { } bad)
        {
            throw ProblemException.Validation("invalid_comment_id",
                $"'{Truncate(bad)}' is not a comment id (21 characters of 0-9 and a-f).", "id");
        }
        var found = await Task.WhenAll(ids.Select(id => store.GetAsync(postId, id, cancellationToken)));
        var answer = new Dictionary<string, string>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            answer[ids[i]] = PublicStatus(found[i]);
        }
        // An answer for one reader about a moment in time: no shared cache may keep or replay it.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.Json(answer, CommentJsonContext.Default.DictionaryStringString);
    }

    /// <summary>
    /// What a reader may know about a comment. Spam the screening filed on its own still reads as
    /// pending: "gone" right after posting would tell a bot its text tripped the filter. Once a
    /// moderator has looked at it (ModeratedAt set), it is gone like a rejected one.
    /// </summary>
    public static string PublicStatus(CommentEntity? comment) => comment switch
    {
        null => Gone,
        { Status: CommentStatus.Approved } => Approved,
        { Status: CommentStatus.Pending } => Pending,
        { Status: CommentStatus.Spam, ModeratedAt: null } => Pending,
        _ => Gone,
    };

    private static string Truncate(string value) => value.Length <= 30 ? value : value[..30] + "…";
}
