namespace BlogFunctions.Core.Http;

internal sealed class CorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins (scheme://host[:port]) whose pages may call the API; "*" allows any.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public int PreflightMaxAgeSeconds { get; set; } = 600;
}
