using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Comments;

/// <summary>
/// The public comment routes, each declared once: template, method, access and handler. Both hosts
/// serve them through <see cref="ApiPipeline"/> (the SelfHost from <see cref="Routes"/>, the Functions
/// app with one trigger per route), which applies the access rule, CORS and the error mapping.
/// </summary>
internal static class CommentsApi
{
    public const string PostCommentsTemplate = "posts/{postId}/comments";
    public const string CountsTemplate = "comment-counts";
    public const string StatusTemplate = "posts/{postId}/comments/status";

    public static ApiRoute PostComment { get; } = new("PostComment", "POST", PostCommentsTemplate, RouteAccess.Public,
        "Posts a comment: 201 with the comment when published at once, 202 {id, status:\"pending\"} when held; both with an authorToken when an email was given.",
        (r, ct) => r.Service<CommentHandlers>().PostAsync(r, r.Route("postId"), ct))
    {
        Request = [ApiContent.JsonOf(CommentJsonContext.Default.CommentRequest)],
        Responses =
        [
            ApiResponse.Json(201, CommentJsonContext.Default.PublicComment, "Published at once"),
            ApiResponse.Json(202, CommentJsonContext.Default.HeldResponse, "Held for moderation (spam gets the same answer)"),
            .. ApiResponse.JsonBodyProblems,
            ApiResponse.Problem(400, "invalid_post_id", "author_required", "invalid_author", "invalid_email", "invalid_website",
                "body_required", "body_too_long", "body_too_nested", "invalid_parent", "invalid_notify", "notify_requires_email",
                "form_token_invalid", "form_token_expired", "form_token_too_fast"),
            ApiResponse.Problem(429, "rate_limited"),
        ],
    };

    public static ApiRoute GetComments { get; } = new("GetComments", "GET", PostCommentsTemplate, RouteAccess.Public,
        "Approved comments of a post, oldest first, paged with 'cursor'; ETag / If-None-Match; includes a fresh formToken.",
        (r, _) => r.Service<CommentHandlers>().GetAsync(r, r.Route("postId")))
    {
        Parameters = [ApiParameter.Cursor, ApiParameter.Header("If-None-Match", "The ETag of a page read before: 304 while it is unchanged.")],
        Responses =
        [
            ApiResponse.Json(200, CommentJsonContext.Default.CommentPage, "A page of approved comments with a fresh formToken"),
            ApiResponse.Empty(304, "Not modified since the ETag sent in If-None-Match"),
            ApiResponse.Problem(400, "invalid_post_id", "invalid_cursor"),
        ],
    };

    public static ApiRoute GetCommentCounts { get; } = new("GetCommentCounts", "GET", CountsTemplate, RouteAccess.Public,
        "Approved comment counts for up to 50 'postId' query parameters.",
        (r, _) => r.Service<CommentHandlers>().CountsAsync(r))
    {
        Parameters = [ApiParameter.Query("postId", $"A post's id; 1 to {CommentReader.MaxCountIds} of them.", required: true, repeated: true)],
        Responses =
        [
            ApiResponse.Json(200, CommentJsonContext.Default.DictionaryStringInt32, "Approved comments by post id"),
            ApiResponse.Problem(400, "invalid_post_ids", "invalid_post_id"),
        ],
    };

    public static ApiRoute GetCommentStatus { get; } = new("GetCommentStatus", "GET", StatusTemplate, RouteAccess.Public,
        "What became of up to 20 comments ('id' parameters) a reader posted: pending, approved or gone. Never cached.",
        (r, ct) => r.Service<CommentStatusHandler>().StatusAsync(r, r.Route("postId"), ct))
    {
        Parameters = [ApiParameter.Query("id", $"A comment's id; 1 to {CommentStatusHandler.MaxIds} of them.", required: true, repeated: true)],
        Responses =
        [
            ApiResponse.Json(200, CommentJsonContext.Default.DictionaryStringString, "pending, approved or gone, by comment id"),
            ApiResponse.Problem(400, "invalid_post_id", "invalid_comment_ids", "invalid_comment_id"),
        ],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [PostComment, GetComments, GetCommentCounts, GetCommentStatus];
}

/// <summary>Post, read a page, count: what the routes above run.</summary>
internal sealed class CommentHandlers(CommentPoster poster, CommentReader reader, FormTokens formTokens, AuthorTokens authorTokens)
{
    public async Task<IResult> PostAsync(HttpRequest request, string postId, CancellationToken cancellationToken)
    {
        CommentInput.PostId(postId);
        var body = await JsonBody.ReadAsync(request, CommentJsonContext.Default.CommentRequest, cancellationToken: cancellationToken);
        var input = CommentInput.Validate(body);
        var comment = await poster.PostAsync(postId, input, ClientIp.Resolve(request), cancellationToken);
        var authorToken = authorTokens.Issue(comment);
        if (comment.Status == CommentStatus.Approved)
        {
            return Results.Json(PublicComment.From(comment) with { AuthorToken = authorToken },
                CommentJsonContext.Default.PublicComment, statusCode: 201);
        }
        // Spam gets the same answer as held, token included, so a bot learns nothing from it.
        return Results.Json(new HeldResponse(comment.Id, CommentStatus.Pending, authorToken), CommentJsonContext.Default.HeldResponse,
            statusCode: 202);
    }

    // Loads are shared between concurrent requests, so reads run on the SDK's timeouts, not one request's.
    public async Task<IResult> GetAsync(HttpRequest request, string postId)
    {
        CommentInput.PostId(postId);
        var page = await reader.GetPageAsync(postId, request.Query["cursor"]);
        return new CommentPageResult(page, formTokens.Issue(postId));
    }

    public async Task<IResult> CountsAsync(HttpRequest request)
    {
        var ids = request.Query["postId"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > CommentReader.MaxCountIds)
        {
            throw ProblemException.Validation("invalid_post_ids", $"Give 1 to {CommentReader.MaxCountIds} postId parameters.", "postId");
        }
        ids.ForEach(id => CommentInput.PostId(id));
        var counts = await reader.GetCountsAsync(ids);
        return Results.Json(counts, CommentJsonContext.Default.DictionaryStringInt32);
    }
}
