using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Newsletter.Preferences;

/// <summary>The preference page every newsletter email links to, each route declared once.</summary>
internal static class PreferencesApi
{
    public const string Template = "subscriptions/preferences";

    private static ApiParameter Token { get; } =
        ApiParameter.Query("token", "The signed token of the email's preferences link (never expires).");

    public static ApiRoute PreferencesPage { get; } = new("PreferencesPage", "GET", Template, RouteAccess.Public,
        "The reader's email preferences: how often newsletter emails come (each post, weekly digest, paused), the comment threads they follow, and unsubscribe from all. A GET changes nothing.",
        (r, ct) => r.Service<PreferencesHandlers>().PageAsync(r, ct))
    {
        Parameters = [Token],
        Responses =
        [
            ApiResponse.Page(200, "The preferences form"),
            ApiResponse.Page(400, "The link is incomplete or altered (code preferences_link_invalid on the page)"),
        ],
    };

    public static ApiRoute SavePreferences { get; } = new("SavePreferences", "POST", Template, RouteAccess.Public,
        "The page's buttons: action=cadence with cadence=each|weekly|paused saves how often emails come; action=unsubscribe-all unsubscribes from the newsletter and drops every followed thread.",
        (r, ct) => r.Service<PreferencesHandlers>().SaveAsync(r, ct))
    {
        Parameters = [Token],
        Request = [ApiContent.FormFields("action", "cadence")],
        Responses =
        [
            ApiResponse.Page(200, "Saved (or unsubscribed from all)"),
            ApiResponse.Page(400, "The link is incomplete or altered, or the form names no known action or cadence; nothing changed"),
            .. ApiResponse.FormBodyProblems,
        ],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [PreferencesPage, SavePreferences];
}
