using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using BlogFunctions.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// Both ways Core reaches Table Storage: a connection string (Azurite, key-based accounts) and the
/// identity-based AzureWebJobsStorage__accountName / __tableServiceUri that infra/main.bicep sets.
/// </summary>
public sealed class TableServiceClientFactoryTests
{
    [Theory]
    [InlineData("blogstore", null, "https://blogstore.table.core.windows.net/", "blogstore")]
    [InlineData(null, "https://tables.example.net/", "https://tables.example.net/", null)]
    [InlineData("ignored", "https://blogstore.table.core.chinacloudapi.cn/", "https://blogstore.table.core.chinacloudapi.cn/", "blogstore")]
    public void Identity_settings_pick_the_endpoint(string? accountName, string? serviceUri, string expectedUri, string? expectedAccount)
    {
        var client = TableServiceClientFactory.Create(Settings(("accountName", accountName), ("tableServiceUri", serviceUri)), new RecordingCredential());

        Assert.Equal(new Uri(expectedUri), client.Uri);
        if (expectedAccount is not null)
        {
            Assert.Equal(expectedAccount, client.AccountName);
        }
    }

    [Fact]
    public void A_connection_string_wins_over_identity_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage:accountName"] = "blogstore",
        }).Build();

        var client = TableServiceClientFactory.Create(configuration);

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.Equal(IPAddress.Loopback.ToString(), client.Uri.Host);
    }

    [Fact]
    public void No_storage_setting_names_both_forms_in_the_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TableServiceClientFactory.Create(Settings()));
        Assert.Contains("AzureWebJobsStorage__accountName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_path_sends_a_storage_bearer_token_to_the_configured_endpoint()
    {
        using var certificate = SelfSignedCertificate();
        string? authorization = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        await using var server = builder.Build();
        server.Run(context =>
        {
            authorization = context.Request.Headers.Authorization;
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
        await server.StartAsync(TestContext.Current.CancellationToken);
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        var credential = new RecordingCredential();
        var options = TableServiceClientFactory.ClientOptions();
        options.Transport = new HttpClientTransport(new HttpClientHandler
        {
            // The throwaway certificate above; bearer tokens are only ever sent over TLS.
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint,
        });
        var client = TableServiceClientFactory.Create(Settings(("tableServiceUri", address)), credential, options);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(
            () => client.GetPropertiesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(403, failure.Status);
        Assert.Equal("Bearer token-for-tests", authorization);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    private static IConfiguration Settings(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Value is not null)
                .Select(v => KeyValuePair.Create($"AzureWebJobsStorage:{v.Key}", v.Value)))
            .Build();

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs the private key in a form the platform's TLS stack can use.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-for-tests", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
