using System.Buffers;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Comments;

/// <summary>Writes the cached bytes with a fresh form token spliced in, or 304 when the client's ETag matches.</summary>
internal sealed class CommentPageResult(CachedPage page, string formToken) : IResult
{
    private const string CacheControl = "public, max-age=5";

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
