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
        // Lazy: the queue pollers build the import work at start-up, and an instance that never
        // imports should not load the blob SDK for it (memory and start-up, bench/README.md).
        services.AddSingleton(sp => new ImportBlobs(new Lazy<Azure.Storage.Blobs.BlobServiceClient>(
            sp.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>)));
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
