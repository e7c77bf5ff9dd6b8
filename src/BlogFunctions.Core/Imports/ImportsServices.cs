using BlogFunctions.Core.Queues;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlogFunctions.Core.Imports;

/// <summary>Imports from other comment systems and the export (routes in <see cref="ImportsApi"/>).</summary>
internal static class ImportsServices
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddBlogOptions<ImportOptions>(ImportOptions.Section, validate: true);
        services.AddBlogTable(ImportJobEntity.TableName);
        services.TryAddSingleton(sp => BlobServiceClientFactory.Create(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ImportBlobs>();
        services.AddSingleton<ImportStore>();
        services.AddSingleton<ImportRows>();
        services.AddSingleton<ImportRunner>();
        services.AddSingleton<ImportWork>();
        services.AddSingleton<IQueueWork>(sp => sp.GetRequiredService<ImportWork>());
        services.AddSingleton<ImportHandlers>();
        services.AddSingleton<CommentExport>();
        return services;
    }
}
