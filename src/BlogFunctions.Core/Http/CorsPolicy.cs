using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Http;

/// <summary>
/// CORS decided in Core, so the SelfHost and <c>func start</c> answer preflights and set headers the
/// same way. On Flex Consumption the platform answers preflights itself from siteConfig.cors (the
/// same origin list, see infra/main.bicep) before a function runs; Core still sets the headers of
/// the actual response there.
/// </summary>
internal sealed class CorsPolicy(IOptions<CorsOptions> options)
{
    private const string AllowedMethods = "GET, POST, DELETE, OPTIONS";
    private const string AllowedHeaders = "Content-Type, Authorization, If-Match, If-None-Match";
    private const string ExposedHeaders = "ETag, Retry-After, Location";

    public bool IsAllowed(string? origin)
    {
        if (string.IsNullOrEmpty(origin))
        {
            return false;
        }
        foreach (var allowed in options.Value.AllowedOrigins)
        {
            if (allowed == "*" || string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds CORS headers to an actual (non-preflight) response.</summary>
    public void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        string? origin = context.Request.Headers.Origin;
        if (IsAllowed(origin))
        {
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlExposeHeaders = ExposedHeaders;
        }
    }

    /// <summary>Answers an OPTIONS preflight: 204 with grants for allowed origins, 204 without them otherwise.</summary>
    public IResult Preflight(HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        string? origin = request.Headers.Origin;
        if (IsAllowed(origin))
        {
            headers.AccessControlAllowOrigin = origin;
            headers.AccessControlAllowMethods = AllowedMethods;
            headers.AccessControlAllowHeaders = AllowedHeaders;
            headers.AccessControlMaxAge = options.Value.PreflightMaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
        }
        return Results.NoContent();
    }
}
