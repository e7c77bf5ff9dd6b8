namespace BlogFunctions.Core.Http;

/// <summary>
/// The API's routes, handed in by the composition root (Hosting's <c>ApiRoutes</c>), so code that
/// describes the API (the OpenAPI document) needs no reference to the features.
/// </summary>
internal sealed class RouteTable(IReadOnlyList<ApiRoute> routes)
{
    public IReadOnlyList<ApiRoute> All => routes;
}
