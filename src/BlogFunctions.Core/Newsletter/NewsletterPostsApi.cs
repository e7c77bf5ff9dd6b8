using BlogFunctions.Core.Http;
using BlogFunctions.Core.Newsletter.Dispatch;
using BlogFunctions.Core.Newsletter.Posts;

namespace BlogFunctions.Core.Newsletter;

/// <summary>
/// The new-post half of the newsletter, each route declared once: register a post (blogs without a
/// feed), and the moderator's status, run-now and resend. All need the moderator credential.
/// </summary>
internal static class NewsletterPostsApi
{
    public const string PostsTemplate = "posts";
    public const string StatusTemplate = "moderation/newsletter";
    public const string RunTemplate = "moderation/newsletter/run";
    public const string ResendTemplate = "moderation/newsletter/{postKey}/chunks/{chunk}/resend";

    public static ApiRoute RegisterPost { get; } = new("RegisterPost", "POST", PostsTemplate, RouteAccess.Moderator,
        "Registers a post for the newsletter (blogs without a feed); 201 when new, 200 when known.",
        (r, ct) => r.Service<PostRegistrationHandler>().RegisterAsync(r, ct))
    {
        Request = [ApiContent.JsonOf(PostJson.Default.PostRegistration)],
        Responses =
        [
            ApiResponse.Json(200, Posts.PostJson.Default.PostRegistered, "Known already: what the newsletter does with it"),
            ApiResponse.Json(201, Posts.PostJson.Default.PostRegistered, "Registered: what the newsletter will do with it"),
            .. ApiResponse.JsonBodyProblems,
            ApiResponse.Problem(400, "invalid_post_id", "invalid_title", "invalid_url", "invalid_summary"),
        ],
    };

    public static ApiRoute NewsletterStatus { get; } = new("NewsletterStatus", "GET", StatusTemplate, RouteAccess.Moderator,
        "Per post: planned, sent, failed and uncertain chunks, with resend links.",
        (r, ct) => r.Service<NewsletterHandlers>().StatusAsync(r, ct))
    {
        Parameters = [ApiParameter.Limit(50, 500) with { Description = "The most recent posts to show (default 50)." }],
        Responses = [ApiResponse.Json(200, Dispatch.NewsletterStatusJson.Default.NewsletterOverview, "Feed, posts and work queues"), ApiResponse.Problem(400, "invalid_limit")],
    };

    public static ApiRoute NewsletterRun { get; } = new("NewsletterRun", "POST", RunTemplate, RouteAccess.Moderator,
        "Queues the newsletter's work now (feed sync, then planning and sending as queue steps) and answers at once; progress shows in the status.",
        (r, ct) => r.Service<NewsletterHandlers>().RunAsync(ct))
    {
        Responses = [ApiResponse.Json(202, Dispatch.NewsletterStatusJson.Default.NewsletterRunQueued, "Queued; the Location header and 'status' name the status route")],
    };

    public static ApiRoute NewsletterResendChunk { get; } = new("NewsletterResendChunk", "POST", ResendTemplate, RouteAccess.Moderator,
        "Sends an uncertain or failed chunk again (a moderator's decision) and reports its outcome.",
        (r, ct) => r.Service<NewsletterHandlers>().ResendAsync(r.Route("postKey"), r.Route("chunk"), ct))
    {
        Responses =
        [
            ApiResponse.Json(200, Dispatch.NewsletterStatusJson.Default.ResendResult, "The chunk after this attempt"),
            ApiResponse.Problem(404, "chunk_not_found"),
            ApiResponse.Problem(409, "chunk_not_resendable", "chunk_changed"),
        ],
    };

    public static IReadOnlyList<ApiRoute> Routes { get; } = [RegisterPost, NewsletterStatus, NewsletterRun, NewsletterResendChunk];
}
