using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>
/// The one-click link routes of moderator emails, each declared once: template, method, access and
/// handler (<see cref="ModerationLinkHandler"/>). They are public: the signed token in the link is
/// the credential. Both hosts serve them through <see cref="ApiPipeline"/>, which applies CORS and maps errors.
/// </summary>
internal static class ModerationLinksApi
{
    public const string ActionTemplate = "moderation/act";

    private static ApiParameter Token { get; } =
        ApiParameter.Query("token", "The signed link token (the POST reads it from the form field when the query has none).");

    /// <summary>Refusals are pages too: a person clicked a link.</summary>
    private static IReadOnlyList<ApiResponse> Refusals { get; } =
    [
        ApiResponse.Page(400, "The link is forged, expired or already used"),
        ApiResponse.Page(404, "The comment no longer exists"),
        ApiResponse.Page(409, "The comment was moderated or changed by other means; nothing changed"),
    ];

    public static ApiRoute ModerationActionPage { get; } = new("ModerationActionPage", "GET", ActionTemplate, RouteAccess.Public,
        "Page for a one-click link from a moderator email ('token' query): shows the held comment, its status and one button. Changes nothing. The signed token (7 days, single use) is the credential; 400 page when it is forged or expired.",
        (r, ct) => r.Service<ModerationLinkHandler>().PageAsync(r, ct))
    {
        Parameters = [Token],
        Responses = [ApiResponse.Page(200, "The comment and the button"), .. Refusals],
    };

    public static ApiRoute ModerationAction { get; } = new("ModerationAction", "POST", ActionTemplate, RouteAccess.Public,
        "Applies the link's action (approve, reject, spam) once: form field 'token'. 200 result page; 400 page for a forged, expired or already used link; 409 page when the comment was already moderated by other means; nothing changed in either case.",
        (r, ct) => r.Service<ModerationLinkHandler>().ActAsync(r, ct))
    {
        Parameters = [Token],
        Request = [ApiContent.FormFields("token")],
        Responses = [ApiResponse.Page(200, "Done: what became of the comment"), .. Refusals],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [ModerationActionPage, ModerationAction];
}
