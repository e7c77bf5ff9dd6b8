using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Http;

internal static class RequestExtensions
{
    /// <summary>A route value as a string; empty when absent, so validation reports it like any bad id.</summary>
    public static string Route(this HttpRequest request, string name) =>
        request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";

    /// <summary>A signed link's token: from the query (links, RFC 8058 one-click) or a form field (a page's button).</summary>
    public static async Task<string?> TokenAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        string? token = request.Query["token"];
        if (string.IsNullOrEmpty(token) && request.HasFormContentType && request.ContentLength is null or <= JsonBody.DefaultMaxBytes)
        {
            token = (await FormBody.ReadAsync(request, cancellationToken: cancellationToken))["token"];
        }
        return token;
    }

    public static T Service<T>(this HttpRequest request) where T : notnull =>
        request.HttpContext.RequestServices.GetRequiredService<T>();
}
