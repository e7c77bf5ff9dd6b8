namespace BlogFunctions.Core.Http;

internal sealed class PublicUrlOptions
{
    /// <summary>Absolute base URL of this API's host (no /api), for links in emails, e.g. https://blog-fn.azurewebsites.net.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";

    public Uri Api(string relative) => new(new Uri(PublicBaseUrl.TrimEnd('/') + "/" + Routes.Prefix + "/"), relative);
}
