using System.Text;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Comments;

/// <summary>Writes the cached bytes with a fresh form token spliced in, or 304 when the client's ETag matches.</summary>
internal sealed class CommentPageResult(CachedPage page, string formToken) : IResult
{
    private const string CacheControl = "public, max-age=5";

    private static ReadOnlySpan<byte> TokenPrefix => ",\"formToken\":\""u8;

    private static ReadOnlySpan<byte> TokenSuffix => "\"}"u8;

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
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        var length = page.Body.Length - 1 + TokenPrefix.Length + formToken.Length + TokenSuffix.Length;
        response.ContentLength = length;
        WriteAnswer(response.BodyWriter, length);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    // One buffer for the whole answer, filled and advanced once: Kestrel takes its output lock per
    // Advance, and writing the parts one by one advanced once per 4 KB block they filled.
    private void WriteAnswer(System.IO.Pipelines.PipeWriter body, int length)
    {
        var answer = body.GetSpan(length);
        page.Body.AsSpan(0, page.Body.Length - 1).CopyTo(answer);
        var at = page.Body.Length - 1;
        TokenPrefix.CopyTo(answer[at..]);
        at += TokenPrefix.Length;
        // The token is base64url and '.', so it is ASCII and needs no JSON escaping.
        at += Encoding.ASCII.GetBytes(formToken, answer[at..]);
        TokenSuffix.CopyTo(answer[at..]);
        body.Advance(length);
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
