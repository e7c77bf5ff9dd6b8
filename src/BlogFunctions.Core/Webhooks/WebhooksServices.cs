using BlogFunctions.Core.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Webhooks;

/// <summary>Outgoing webhooks: settings checked at start-up, the publisher the other features are told through, the delivery queue.</summary>
internal static class WebhooksServices
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddBlogOptions<WebhooksOptions>(WebhooksOptions.Section, validate: true);
        services.AddSingleton<IValidateOptions<WebhooksOptions>, WebhookSettings>();
        // No retries inside: a failed attempt is re-queued with its backoff, and each one is logged.
        services.AddHttpClient(WebhookDelivery.HttpClientName, c =>
            {
                c.Timeout = WebhookDelivery.Timeout;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("BlogFunctions-Webhooks/1.0");
            })
            // A redirect is a failure, not a hop: it could lead the signed body off https.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<WebhookEventFactory>();
        services.AddSingleton<WebhookPublisher>();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<IQueueWork>(sp => sp.GetRequiredService<WebhookDelivery>());
        return services;
    }
}
