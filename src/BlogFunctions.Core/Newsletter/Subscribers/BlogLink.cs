using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// Where a subscription page sends a reader back to: the page they subscribed from, but only when
/// it is on one of the blog's own origins (<see cref="CorsOptions.AllowedOrigins"/>). The source
/// is whatever the form said, so anything else could turn our page into a link to an attacker's
/// site; then the blog's first origin stands in, or no link at all.
/// </summary>
internal static class BlogLink
{
    public static Uri? For(string? source, IReadOnlyList<string> allowedOrigins)
    {
        var origins = allowedOrigins.Where(o => o != "*").Select(o => Uri.TryCreate(o, UriKind.Absolute, out var u) ? u : null)
            .OfType<Uri>().Where(u => u.Scheme is "http" or "https").ToList();
        if (Uri.TryCreate(source, UriKind.Absolute, out var page) && page.Scheme is "http" or "https"
            && origins.Any(o => Uri.Compare(o, page, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0))
        {
            return page;
        }
        return origins.Count > 0 ? new Uri(origins[0].GetLeftPart(UriPartial.Authority) + "/") : null;
    }
}
