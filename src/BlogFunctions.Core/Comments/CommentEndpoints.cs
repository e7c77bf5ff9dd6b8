using System.Buffers;
using System.Text;
using BlogFunctions.Core.Http;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Comments;

/// <summary>The public comment routes: post, read a page, count.</summary>
public sealed class CommentEndpoints(ApiPipeline pipeline, CommentPoster poster, CommentReader reader,
    FormTokens formTokens, AuthorTokens authorTokens)
{
    private const string CacheControl = "public, max-age=5";

    public Task<IResult> PostAsync(HttpRequest request, string postId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Public, async () =>
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
        });

    public Task<IResult> GetAsync(HttpRequest request, string postId, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Public, async () =>
        {
            _ = cancellationToken;
            CommentInput.PostId(postId);
            var page = await reader.GetPageAsync(postId, request.Query["cursor"]);
            return new PageResult(page, formTokens.Issue(postId));
        });

    public Task<IResult> CountsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        pipeline.RunAsync(request, RouteAccess.Public, async () =>
        {
            // Loads are shared between concurrent requests, so they run on the SDK's timeouts, not this request's.
            _ = cancellationToken;
            var ids = request.Query["postId"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count is 0 or > CommentReader.MaxCountIds)
            {
                throw ProblemException.Validation("invalid_post_ids", $"Give 1 to {CommentReader.MaxCountIds} postId parameters.", "postId");
            }
            ids.ForEach(id => CommentInput.PostId(id));
            var counts = await reader.GetCountsAsync(ids);
            return Results.Json(counts, CommentJsonContext.Default.DictionaryStringInt32);
        });

    /// <summary>Writes the cached bytes with a fresh form token spliced in, or 304 when the client's ETag matches.</summary>
    private sealed class PageResult(CachedPage page, string formToken) : IResult
    {
        private static readonly byte[] TokenPrefix = Encoding.UTF8.GetBytes(",\"formToken\":\"");
        private static readonly byte[] TokenSuffix = Encoding.UTF8.GetBytes("\"}");

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.Headers.ETag = page.ETag;
            response.Headers.CacheControl = CacheControl;
            if (ETagMatches(httpContext.Request.Headers.IfNoneMatch, page.ETag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            // The token is base64url and '.', so it needs no JSON escaping.
            var token = Encoding.ASCII.GetBytes(formToken);
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength = page.Body.Length - 1 + TokenPrefix.Length + token.Length + TokenSuffix.Length;
            var body = response.BodyWriter;
            body.Write(page.Body.AsSpan(0, page.Body.Length - 1));
            body.Write(TokenPrefix);
            body.Write(token);
            body.Write(TokenSuffix);
            await body.FlushAsync(httpContext.RequestAborted);
        }
    }

    internal static bool ETagMatches(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }
        foreach (var part in ifNoneMatch.Split(','))
        {
            var candidate = part.Trim();
            if (candidate == "*" || candidate == etag
                || (candidate.StartsWith("W/", StringComparison.Ordinal) && candidate[2..] == etag))
            {
                return true;
            }
        }
        return false;
    }
}
