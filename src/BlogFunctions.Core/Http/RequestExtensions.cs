using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Http;

internal static class RequestExtensions
{
    /// <summary>A route value as a string; empty when absent, so validation reports it like any bad id.</summary>
    public static string Route(this HttpRequest request, string name) =>
        request.RouteValues.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";

    public static T Service<T>(this HttpRequest request) where T : notnull =>
        request.HttpContext.RequestServices.GetRequiredService<T>();
}
