using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Comments;

public static class CommentRoutes
{
    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        new("PostComment", "POST", Routes.PostComments, RouteAccess.Public,
            "Posts a comment: 201 with the comment when published at once, 202 {id, status:\"pending\"} when held; both with an authorToken when an email was given.",
            (r, ct) => r.Service<CommentEndpoints>().PostAsync(r, r.Route("postId"), ct)),
        new("GetComments", "GET", Routes.PostComments, RouteAccess.Public,
            "Approved comments of a post, oldest first, paged with 'cursor'; ETag / If-None-Match; includes a fresh formToken.",
            (r, ct) => r.Service<CommentEndpoints>().GetAsync(r, r.Route("postId"), ct)),
        new("GetCommentCounts", "GET", Routes.CommentCounts, RouteAccess.Public,
            "Approved comment counts for up to 50 'postId' query parameters.",
            (r, ct) => r.Service<CommentEndpoints>().CountsAsync(r, ct)),
        new("GetCommentStatus", "GET", Routes.PostCommentsStatus, RouteAccess.Public,
            "What became of up to 20 comments ('id' parameters) a reader posted: pending, approved or gone. Never cached.",
            (r, ct) => r.Service<CommentStatusEndpoints>().StatusAsync(r, r.Route("postId"), ct)),
    ];

    public static IServiceCollection AddComments(this IServiceCollection services)
    {
        services.AddBlogOptions<CommentsOptions>(CommentsOptions.Section);
        foreach (var table in new[] { CommentTables.Comments, CommentTables.Index, CommentTables.Lookups, CommentTables.RateLimits })
        {
            services.AddBlogTable(table);
        }
        services.TryAddSingleton<ICommentHeldNotifier, NoCommentHeldNotifier>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<CommentProjector>();
        services.AddSingleton<CommentProjectionService>();
        services.AddHostedService(sp => sp.GetRequiredService<CommentProjectionService>());
        services.AddSingleton<CommentReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<CommentReconciler>());
        services.AddSingleton<CommentReadCache>();
        services.AddSingleton<CommentReader>();
        services.AddSingleton<CommentPoster>();
        services.AddSingleton<FormTokens>();
        services.AddSingleton<AuthorTokens>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<RateLimitCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<RateLimitCleanup>());
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<CommentEndpoints>();
        services.AddSingleton<CommentStatusEndpoints>();
        return services;
    }

    private sealed class NoCommentHeldNotifier : ICommentHeldNotifier
    {
        public Task CommentHeldAsync(HeldComment comment, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
