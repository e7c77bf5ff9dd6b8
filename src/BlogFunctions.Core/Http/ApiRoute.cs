namespace BlogFunctions.Core.Http;

/// <summary>Invokes a Core handler with route values taken from <see cref="HttpRequest.RouteValues"/>.</summary>
public delegate Task<IResult> ApiInvoker(HttpRequest request, CancellationToken cancellationToken);

/// <summary>
/// One HTTP route of the API. The SelfHost maps every entry of <see cref="RouteTable"/>; the
/// Functions app has one trigger per entry; the OpenAPI document and the route-parity test read
/// the same list, so the hosts cannot drift apart unnoticed.
/// </summary>
public sealed record ApiRoute(
    string Name,
    string Method,
    string Template,
    RouteAccess Access,
    string Summary,
    ApiInvoker Invoke)
{
    /// <summary>Hosts that serve responses other than JSON (widget, pages) say so for the OpenAPI document.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>
    /// The answers other than errors this route gives, for the OpenAPI document (errors are
    /// problem+json: 4XX, 401 on moderator routes, 503 on a storage outage).
    /// </summary>
    public IReadOnlyList<int> Statuses { get; init; } = [200];
}
