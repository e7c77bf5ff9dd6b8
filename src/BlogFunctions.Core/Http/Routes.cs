namespace BlogFunctions.Core.Http;

/// <summary>
/// The API's prefix and the catch-all templates. Templates go without the <c>api/</c> prefix:
/// Azure Functions adds it from host.json's routePrefix and the SelfHost maps a <c>/api</c> group,
/// so one constant serves both hosts. Each route's own template is in its feature's XxxApi.
/// </summary>
internal static class Routes
{
    public const string Prefix = "api";

    public const string Preflight = "{*path}";

    /// <summary>Every path under the prefix: matched last, for what no other route takes.</summary>
    public const string Unmatched = "{*path}";
}
