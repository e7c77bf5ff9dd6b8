using BlogFunctions.Core.Comments;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Moderation;

/// <summary>The moderation feature's services; its routes are in <see cref="ModerationApi"/>.</summary>
internal static class ModerationServices
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddSingleton<CommentModerator>();
        services.AddSingleton<ICommentModeration>(sp => sp.GetRequiredService<CommentModerator>());
        services.AddSingleton<PersonalDataEraser>();
        services.AddSingleton<ModerationList>();
        services.AddSingleton<ModerationHandlers>();
        return services;
    }
}
