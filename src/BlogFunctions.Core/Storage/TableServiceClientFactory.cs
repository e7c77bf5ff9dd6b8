using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace BlogFunctions.Core.Storage;

/// <summary>
/// Builds the one <see cref="TableServiceClient"/> from the same setting the Functions host uses,
/// <c>AzureWebJobsStorage</c>: a connection string (Azurite, or a key-based account), or its
/// identity-based form <c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c>
/// (optionally <c>__clientId</c> for a user-assigned identity) with <see cref="DefaultAzureCredential"/>.
/// </summary>
internal static class TableServiceClientFactory
{
    public const string SettingName = "AzureWebJobsStorage";

    public static TableServiceClient Create(IConfiguration configuration, TokenCredential? credential = null) =>
        Create(configuration, credential, ClientOptions());

    // Tests pass their own options to swap the transport and watch what the client sends.
    internal static TableServiceClient Create(IConfiguration configuration, TokenCredential? credential, TableClientOptions options)
    {
        var section = configuration.GetSection(SettingName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new TableServiceClient(section.Value, options);
        }
        var endpoint = TableEndpoint(section)
            ?? throw new InvalidOperationException(
                $"Set {SettingName} to a connection string, or {SettingName}__accountName (or __tableServiceUri) for identity-based access.");
        return new TableServiceClient(endpoint, credential ?? Credential(section), options);
    }

    internal static Uri? TableEndpoint(IConfigurationSection section)
    {
        if (Uri.TryCreate(section["tableServiceUri"], UriKind.Absolute, out var uri))
        {
            return uri;
        }
        var account = section["accountName"];
        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.table.core.windows.net");
    }

    internal static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId,
        });
    }

    // A request must fail fast during an outage (503 + Retry-After to the caller) rather than
    // stall a Function for the SDK's default minute of retries.
    internal static TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        StorageCallDeadline.AddTo(options);
        return options;
    }
}
