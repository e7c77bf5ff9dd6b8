using BlogFunctions.Core.Http;

namespace BlogFunctions.Core.Web;

/// <summary>
/// The embeddable scripts and the moderation page. All public: the scripts are meant for any
/// blog page and the moderation page holds no data (every call it makes sends the moderator key).
/// </summary>
public sealed class WebEndpoints(ApiPipeline pipeline, WebAssetCatalog catalog)
{
    public Task<IResult> CommentsScriptAsync(HttpRequest request) => Serve(request, catalog.Comments);

    public Task<IResult> CommentsStyleAsync(HttpRequest request) => Serve(request, catalog.CommentsCss);

    public Task<IResult> CountScriptAsync(HttpRequest request) => Serve(request, catalog.Count);

    public Task<IResult> ModerationPageAsync(HttpRequest request) => Serve(request, catalog.Moderation);

    private Task<IResult> Serve(HttpRequest request, WebAsset asset) =>
        pipeline.RunAsync(request, RouteAccess.Public, () => Task.FromResult<IResult>(new WebAssetResult(asset)));
}
