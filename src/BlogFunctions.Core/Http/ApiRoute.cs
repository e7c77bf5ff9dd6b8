namespace BlogFunctions.Core.Http;

/// <summary>Invokes a Core handler with route values taken from <see cref="HttpRequest.RouteValues"/>.</summary>
internal delegate Task<IResult> ApiInvoker(HttpRequest request, CancellationToken cancellationToken);

/// <summary>
/// One HTTP route of the API. The SelfHost maps every entry of <see cref="RouteTable"/>; the
/// Functions app has one trigger per entry; the OpenAPI document and the route-parity test read
/// the same list, so the hosts cannot drift apart unnoticed. The body, parameters and answers
/// declared here are the document's operation: the contract tests check every response they get
/// against it, so a handler that answers otherwise fails a test.
/// </summary>
internal sealed record ApiRoute(
    string Name,
    string Method,
    string Template,
    RouteAccess Access,
    string Summary,
    ApiInvoker Invoke)
{
    /// <summary>The request body's media types (none: the route reads no body).</summary>
    public IReadOnlyList<ApiContent> Request { get; init; } = [];

    /// <summary>Query and header parameters; path parameters come from <see cref="Template"/>.</summary>
    public IReadOnlyList<ApiParameter> Parameters { get; init; } = [];

    /// <summary>
    /// Every answer but those the pipeline adds to each route (401 on moderator routes, 500, 503):
    /// successes with their body type, and the problems with their codes.
    /// </summary>
    public IReadOnlyList<ApiResponse> Responses { get; init; } = [];
}
