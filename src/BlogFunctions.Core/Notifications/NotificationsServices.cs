using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Core.Notifications;

/// <summary>
/// Reader notifications: sign-ups from the comment form, confirmation, the fan-out of approvals,
/// batched exactly-once emails and their links (routes in <see cref="NotificationsApi"/>).
/// </summary>
internal static class NotificationsServices
{
    public static IServiceCollection AddReaderNotifications(this IServiceCollection services)
    {
        services.AddBlogOptions<NotificationsOptions>(NotificationsOptions.Section, validate: true);
        services.AddBlogTable(NotifyKeys.TableName);
        services.AddSingleton<NotifyStore>();
        services.AddSingleton<NotifyLinks>();
        services.AddSingleton<NotifyMail>();
        services.AddSingleton<NotifyQueue>();
        services.AddSingleton<CommentNotifications>();
        services.AddSingleton<NotifyFanOut>();
        services.AddSingleton<ConfirmationSender>();
        services.AddSingleton<NotifyBatchSender>();
        services.AddSingleton<NotifyWork>();
        services.AddSingleton<IQueueWork>(sp => sp.GetRequiredService<NotifyWork>());
        services.AddSingleton<NotificationHandlers>();
        services.AddSingleton<NotificationAdminHandler>();
        services.AddSingleton<FollowedThreads>();
        services.AddSingleton<DeferredPublishes>();
        services.AddSingleton<NotificationEraser>();
        services.AddSingleton<IPersonalDataHolder>(sp => sp.GetRequiredService<NotificationEraser>());
        return services;
    }
}

/// <summary>GDPR erasure of an address's notification rows: its subscriptions on both sides, its batches, markers and address row.</summary>
internal sealed class NotificationEraser(NotifyStore store) : IPersonalDataHolder
{
    public Task<int> EraseAsync(string emailHash, CancellationToken cancellationToken) =>
        store.UnsubscribeAllAsync(emailHash, erase: true, cancellationToken);
}
