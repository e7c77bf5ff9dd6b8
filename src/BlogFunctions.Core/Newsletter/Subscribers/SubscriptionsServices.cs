using BlogFunctions.Core.Newsletter.Preferences;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>The subscriber half of the newsletter's services; its routes are in <see cref="SubscriptionsApi"/> and <see cref="PreferencesApi"/>.</summary>
internal static class SubscriptionsServices
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddBlogOptions<SubscriptionOptions>(SubscriptionOptions.Section);
        services.AddBlogTable(SubscriberEntity.TableName);
        services.AddBlogTable(SubscribeRateLimiter.TableName);
        services.AddSingleton<SubscriberKeys>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<PreferenceLinks>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<SubscribeRateLimiter>();
        services.AddSingleton<ConfirmTokens>();
        services.AddSingleton<SubscriptionMails>();
        services.TryAddSingleton<INewsletterEvents, NoNewsletterEvents>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<SubscriptionHandlers>();
        services.AddBlogTable(SendGridEventProcessor.TableName);
        services.AddSingleton<SendGridEventProcessor>();
        services.AddSingleton<SendGridEventHandler>();
        services.AddSingleton<SubscriberAdminHandlers>();
        // The notifications feature registers its own (before or after this); until then nobody follows a thread.
        services.TryAddSingleton<IFollowedThreads, NoFollowedThreads>();
        services.AddSingleton<PreferencesHandlers>();
        return services;
    }
}
