using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace BlogFunctions.Tests.FunctionsHost;

/// <summary>
/// The CORS that Flex Consumption's host runs before any function, built from the site's
/// <c>siteConfig.cors</c>: it answers every preflight itself (204; the Allow-* headers only for a
/// listed origin), so a preflight never reaches a function, and on other requests from a listed
/// origin it sets Access-Control-Allow-Origin over whatever the function sent. The origins are
/// the ones the Bicep puts in <c>siteConfig.cors.allowedOrigins</c>: the same list as the app's
/// <c>Cors__AllowedOrigins</c> settings. supportCredentials is false, as the Bicep sets it.
/// </summary>
internal sealed class FlexPlatformCors(IReadOnlyCollection<string> allowedOrigins)
{
    /// <summary>Answers a preflight and returns true; otherwise arranges the response header and returns false.</summary>
    public bool Handle(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }
        var allowed = allowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
        var isPreflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey("Access-Control-Request-Method");
        if (isPreflight)
        {
            if (allowed)
            {
                var headers = context.Response.Headers;
                headers.AccessControlAllowOrigin = origin;
                headers.AccessControlAllowMethods = request.Headers.AccessControlRequestMethod;
                if (!StringValues.IsNullOrEmpty(request.Headers.AccessControlRequestHeaders))
                {
                    headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders;
                }
            }
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return true;
        }
        if (allowed)
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.AccessControlAllowOrigin = origin;
                return Task.CompletedTask;
            });
        }
        return false;
    }
}
