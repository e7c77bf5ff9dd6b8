using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Queues;

/// <summary>The work queues: one client over AzureWebJobsStorage, the sender and the backlog reader.</summary>
internal static class QueuesServices
{
    public static IServiceCollection AddWorkQueues(this IServiceCollection services)
    {
        services.AddBlogOptions<QueueOptions>(QueueOptions.Section, validate: true);
        services.TryAddSingleton(sp => QueueServiceClientFactory.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<WorkQueueClient>();
        services.AddSingleton<QueueBacklog>();
        return services;
    }
}
