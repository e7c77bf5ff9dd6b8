using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// The one <see cref="BlobServiceClient"/>, from <c>AzureWebJobsStorage</c> as the tables and queues
/// are: a connection string, or identity-based <c>__accountName</c> / <c>__blobServiceUri</c>.
/// </summary>
internal static class BlobServiceClientFactory
{
    public static BlobServiceClient Create(IConfiguration configuration, TokenCredential? credential = null)
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        var section = configuration.GetSection(TableServiceClientFactory.SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new BlobServiceClient(section.Value, options);
        }
        var endpoint = Uri.TryCreate(section["blobServiceUri"], UriKind.Absolute, out var uri) ? uri
            : string.IsNullOrWhiteSpace(section["accountName"]) ? throw new InvalidOperationException(
                $"Set {TableServiceClientFactory.SettingName} to a connection string, or {TableServiceClientFactory.SettingName}__accountName (or __blobServiceUri).")
            : new Uri($"https://{section["accountName"]}.blob.core.windows.net");
        return new BlobServiceClient(endpoint, credential ?? TableServiceClientFactory.Credential(section), options);
    }
}
