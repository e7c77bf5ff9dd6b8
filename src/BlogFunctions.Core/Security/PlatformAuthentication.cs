using Microsoft.Extensions.Configuration;

namespace BlogFunctions.Core.Security;

/// <summary>
/// Whether a platform in front of the app authenticates users and owns <c>X-MS-CLIENT-PRINCIPAL</c>:
/// only then is that header the platform's word rather than the client's. App Service Authentication
/// strips the header from incoming requests and sets <c>WEBSITE_AUTH_ENABLED=True</c> when it is on.
/// The SelfHost keeps the default (none): nothing in front of Kestrel removes a forged header.
/// </summary>
internal sealed class PlatformAuthentication
{
    public static readonly PlatformAuthentication None = new(false);

    private PlatformAuthentication(bool enabled) => Enabled = enabled;

    public bool Enabled { get; }

    /// <summary>For the Functions app: App Service Authentication as the platform reports it.</summary>
    public static PlatformAuthentication FromAppService(IConfiguration configuration) =>
        new(bool.TryParse(configuration["WEBSITE_AUTH_ENABLED"], out var on) && on);
}
