namespace BlogFunctions.Core.Http;

/// <summary>Who may call a route. Enforced by <see cref="ApiPipeline"/>, published in the OpenAPI document.</summary>
internal enum RouteAccess
{
    Public,
    Moderator,
}
