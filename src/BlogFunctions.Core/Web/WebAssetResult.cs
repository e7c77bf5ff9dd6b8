using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Web;

/// <summary>
/// Writes a <see cref="WebAsset"/>: picks brotli, gzip or identity from Accept-Encoding, answers
/// 304 to a matching If-None-Match, and caches for a year when the URL names the current version.
/// </summary>
internal sealed class WebAssetResult(WebAsset asset) : IResult
{
    public const string VersionQuery = "v";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;
        var coding = ContentCoding.Choose(request.Headers.AcceptEncoding);
        var (body, etag) = asset.Representation(coding);

        var headers = response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        headers.ETag = etag;
        headers.CacheControl = request.Query[VersionQuery] == asset.Version
            ? "public, max-age=31536000, immutable"
            : asset.UnversionedCacheControl;
        headers.XContentTypeOptions = "nosniff";
        foreach (var (name, value) in asset.Headers)
        {
            headers[name] = value;
        }

        if (Matches(request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        if (coding != ContentCoding.Identity)
        {
            headers.ContentEncoding = coding;
        }
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method)
            ? Task.CompletedTask
            : response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    /// <summary>Weak comparison (RFC 9110 §13.1.2): caches and CDNs may weaken an ETag when they re-encode.</summary>
    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }
        var ours = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(ours, useStrongComparison: false));
    }
}
