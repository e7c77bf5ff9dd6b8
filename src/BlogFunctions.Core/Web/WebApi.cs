using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Web;

/// <summary>
/// The embeddable scripts and the moderation page, each route declared once. All public: the
/// scripts are meant for any blog page and the moderation page holds no data (every call it makes
/// sends the moderator key).
/// </summary>
internal static class WebApi
{
    public const string EmbedCommentsTemplate = "embed/comments.js";
    public const string EmbedCountTemplate = "embed/count.js";
    public const string EmbedCommentsCssTemplate = "embed/comments.css";
    public const string ModerationUiTemplate = "moderation/ui";

    private static IReadOnlyList<ApiParameter> Cached { get; } =
    [
        ApiParameter.Query(WebAssetResult.VersionQuery, "The asset's current version: cached for a year."),
        ApiParameter.Header("If-None-Match", "The ETag of a copy read before: 304 while it is current."),
    ];

    private static ApiResponse NotModified { get; } = ApiResponse.Empty(304, "Not modified since the ETag sent in If-None-Match");

    public static ApiRoute EmbedComments { get; } = new("EmbedComments", "GET", EmbedCommentsTemplate, RouteAccess.Public,
        "The comments widget (script with its CSS). Add ?v=<version> for a year-long cache.",
        (r, _) => Serve(r, c => c.Comments))
    {
        Parameters = Cached,
        Responses = [ApiResponse.Media(200, "text/javascript", "The script"), NotModified],
    };

    public static ApiRoute EmbedCommentsCss { get; } = new("EmbedCommentsCss", "GET", EmbedCommentsCssTemplate, RouteAccess.Public,
        "The widget's stylesheet; the widget links it itself. Add ?v=<version> for a year-long cache.",
        (r, _) => Serve(r, c => c.CommentsCss))
    {
        Parameters = Cached,
        Responses = [ApiResponse.Media(200, "text/css", "The stylesheet"), NotModified],
    };

    public static ApiRoute EmbedCount { get; } = new("EmbedCount", "GET", EmbedCountTemplate, RouteAccess.Public,
        "Fills every [data-comment-count] element of a page from one comment-counts request.",
        (r, _) => Serve(r, c => c.Count))
    {
        Parameters = Cached,
        Responses = [ApiResponse.Media(200, "text/javascript", "The script"), NotModified],
    };

    public static ApiRoute ModerationUi { get; } = new("ModerationUi", "GET", ModerationUiTemplate, RouteAccess.Public,
        "The moderation page. It holds no data; each call it makes needs the moderator key.",
        (r, _) => Serve(r, c => c.Moderation))
    {
        Parameters = Cached,
        Responses = [ApiResponse.Media(200, "text/html", "The page"), NotModified],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [EmbedComments, EmbedCommentsCss, EmbedCount, ModerationUi];

    private static Task<IResult> Serve(HttpRequest request, Func<WebAssetCatalog, WebAsset> asset) =>
        Task.FromResult<IResult>(new WebAssetResult(asset(request.Service<WebAssetCatalog>())));
}
