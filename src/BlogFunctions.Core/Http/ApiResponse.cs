using System.Text.Json.Serialization.Metadata;

namespace BlogFunctions.Core.Http;

/// <summary>
/// One answer a route gives, declared beside the route and published in the OpenAPI document.
/// A route may list a status twice with different media types (JSON or a page, by Accept); the
/// document merges them. 401 (moderator routes), 500 and 503 are added for every route by the
/// document builder, since <see cref="ApiPipeline"/> gives them to every route.
/// </summary>
internal sealed record ApiResponse(int Status, string Description, ApiContent? Content)
{
    public static ApiResponse Json(int status, JsonTypeInfo body, string description) =>
        new(status, description, ApiContent.JsonOf(body));

    /// <summary>A body that is not JSON: a page, a script, a stylesheet, a CSV file.</summary>
    public static ApiResponse Media(int status, string mediaType, string description) => new(status, description, new ApiContent(mediaType));

    public static ApiResponse Page(int status, string description) => Media(status, ApiContent.Html, description);

    /// <summary>No body: 204, 304.</summary>
    public static ApiResponse Empty(int status, string description) => new(status, description, null);

    /// <summary>problem+json with the <c>code</c> values the route can give at this status.</summary>
    public static ApiResponse Problem(int status, params string[] codes) =>
        new(status, ProblemDescription(status), new ApiContent(ApiContent.Problem) { Codes = codes });

    /// <summary>What reading a JSON body can answer (<see cref="JsonBody"/>, or Kestrel refusing the framing).</summary>
    public static IReadOnlyList<ApiResponse> JsonBodyProblems { get; } =
    [
        Problem(400, "invalid_json", "bad_request"),
        Problem(413, "payload_too_large"),
        Problem(415, "unsupported_media_type"),
    ];

    /// <summary>What reading a form body can answer (<see cref="FormBody"/>).</summary>
    public static IReadOnlyList<ApiResponse> FormBodyProblems { get; } =
    [
        Problem(400, "invalid_form", "bad_request"),
        Problem(413, "payload_too_large"),
    ];

    public static string ProblemDescription(int status) => status switch
    {
        400 => "The request is not valid; 'code' says why and 'field' names the input at fault",
        401 => "No or wrong credentials",
        404 => "Not found",
        409 => "A concurrent change won; nothing was changed",
        412 => "If-Match named a version that is no longer current; nothing was changed",
        413 => "The request body is too large",
        415 => "The body is not JSON",
        429 => "Too many requests; retry after Retry-After seconds",
        500 => "Unexpected error; it was logged",
        503 => "Storage is unavailable; nothing was stored; retry after Retry-After seconds",
        _ => "Refused; 'code' says why",
    };
}
