using Azure.Core;
using Azure.Storage.Queues;
using BlogFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace BlogFunctions.Core.Queues;

/// <summary>
/// Builds the one <see cref="QueueServiceClient"/> from <c>AzureWebJobsStorage</c>, as the tables
/// are built (<see cref="TableServiceClientFactory"/>): a connection string, or identity-based
/// <c>__accountName</c> / <c>__queueServiceUri</c>. Messages are Base64, the Functions host's default
/// encoding, so a message one host writes is one the other can read.
/// </summary>
internal static class QueueServiceClientFactory
{
    public static QueueServiceClient Create(IConfiguration configuration, TokenCredential? credential = null)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        var section = configuration.GetSection(TableServiceClientFactory.SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new QueueServiceClient(section.Value, options);
        }
        var endpoint = QueueEndpoint(section)
            ?? throw new InvalidOperationException(
                $"Set {TableServiceClientFactory.SettingName} to a connection string, or {TableServiceClientFactory.SettingName}__accountName (or __queueServiceUri) for identity-based access.");
        return new QueueServiceClient(endpoint, credential ?? TableServiceClientFactory.Credential(section), options);
    }

    internal static Uri? QueueEndpoint(IConfigurationSection section)
    {
        if (Uri.TryCreate(section["queueServiceUri"], UriKind.Absolute, out var uri))
        {
            return uri;
        }
        var account = section["accountName"];
        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.queue.core.windows.net");
    }
}
