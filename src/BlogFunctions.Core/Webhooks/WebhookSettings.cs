using BlogFunctions.Core.Security;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// Refuses to start with an endpoint that would leak or be forgeable: a secret <see cref="SecretStrength"/>
/// rejects (receivers trust the signature, so a guessable key lets anyone post events to them), a URL
/// that is not https (the body and signature would cross the network in clear), an unknown format or
/// event. Each failure names its setting. An unresolved Key Vault reference is refused for every
/// setting by <see cref="UnresolvedKeyVaultReferences"/>.
/// </summary>
internal sealed class WebhookSettings : IValidateOptions<WebhooksOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhooksOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = options.Endpoints[i];
            var at = $"{WebhooksOptions.Section}:Endpoints:{i}:";
            if (UrlProblem(endpoint.Url) is { } url)
            {
                failures.Add($"{at}Url {url}.");
            }
            if (SecretStrength.Weakness(endpoint.Secret) is { } weak)
            {
                failures.Add($"{at}Secret {weak}.");
            }
            if (!WebhookFormats.All.Contains(endpoint.Format, StringComparer.Ordinal))
            {
                failures.Add($"{at}Format must be one of {string.Join(", ", WebhookFormats.All)}.");
            }
            foreach (var unknown in endpoint.Events.Where(e => !WebhookEventTypes.All.Contains(e, StringComparer.Ordinal)))
            {
                failures.Add($"{at}Events: '{unknown}' is not an event ({string.Join(", ", WebhookEventTypes.All)}).");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? UrlProblem(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return "is not an absolute URL without credentials";
        }
        return uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLocal(uri))
            ? null
            : "must be https (http only for localhost)";
    }

    private static bool IsLocal(Uri uri) => uri.IsLoopback && uri.Host is "localhost" or "127.0.0.1" or "[::1]";
}
