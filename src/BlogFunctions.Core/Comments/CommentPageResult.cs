using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Comments;

/// <summary>Writes the cached bytes with a fresh form token spliced in, or 304 when the client's ETag matches.</summary>
internal sealed class CommentPageResult(CachedPage page, string formToken) : IResult
{
    private const string CacheControl = "public, max-age=5";

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
        var bytes = page.WithToken(formToken);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.BodyWriter.WriteAsync(bytes, httpContext.RequestAborted);
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
