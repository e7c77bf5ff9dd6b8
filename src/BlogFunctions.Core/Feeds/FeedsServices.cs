using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Feeds;

/// <summary>The comment feeds; routes in <see cref="FeedsApi"/>.</summary>
internal static class FeedsServices
{
    public static IServiceCollection AddCommentFeeds(this IServiceCollection services) => services.AddSingleton<CommentFeeds>();
}
