using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// The moderator routes of imports and the export, each declared once. The upload only stores the
/// file and queues its plan step; the work runs on <see cref="Queues.WorkQueues.Imports"/>.
/// </summary>
internal static class ImportsApi
{
    public const string ImportsTemplate = "moderation/imports";
    public const string ImportTemplate = "moderation/imports/{importId}";
    public const string ExportTemplate = "moderation/export";

    public static ApiRoute StartImport { get; } = new("StartImport", "POST", ImportsTemplate, RouteAccess.Moderator,
        "Uploads an export of another comment system (the body, or the 'file' part of a multipart form with an optional 'map' part: " +
        "JSON of URL → post id) and queues its import; 202 {id} with Location.",
        (r, ct) => r.Service<ImportHandlers>().StartAsync(r, ct))
    {
        Parameters = [ApiParameter.Query("format", "disqus, wxr, remark42, isso or blogfunctions (our own export).", required: true)],
        Request = [new ApiContent("application/octet-stream"), new ApiContent("multipart/form-data") { Fields = ["file", "map"] }],
        Responses =
        [
            ApiResponse.Json(202, ImportJson.Default.ImportAccepted, "Stored and queued; follow Location for progress"),
            ApiResponse.Problem(400, "invalid_format", "invalid_map", "file_required", "bad_request"),
            ApiResponse.Problem(413, "payload_too_large"),
        ],
    };

    public static ApiRoute GetImport { get; } = new("GetImport", "GET", ImportTemplate, RouteAccess.Moderator,
        "An import's progress: state (queued, running, done, failed), counts, why comments were left out (capped), the posts it filled, the error.",
        (r, ct) => r.Service<ImportHandlers>().StatusAsync(r.Route("importId"), ct))
    {
        Responses =
        [
            ApiResponse.Json(200, ImportJson.Default.ImportStatus, "The import as it stands"),
            ApiResponse.Problem(400, "invalid_import_id"),
            ApiResponse.Problem(404, "import_not_found"),
        ],
    };

    public static ApiRoute ExportComments { get; } = new("ExportComments", "GET", ExportTemplate, RouteAccess.Moderator,
        "Every comment of every post as JSON lines (one ExportLine per line, personal fields included), importable as format blogfunctions.",
        (r, _) => Task.FromResult(r.Service<CommentExport>().Result()))
    {
        Responses = [ApiResponse.Media(200, CommentExport.MediaType, "One JSON object per line, post by post, oldest first")],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [StartImport, GetImport, ExportComments];
}
