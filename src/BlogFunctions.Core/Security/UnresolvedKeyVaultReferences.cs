using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Security;

/// <summary>
/// Refuses to start while any configuration value is still an App Service Key Vault reference.
/// The platform swaps <c>@Microsoft.KeyVault(...)</c> for the secret before the app starts; when it
/// cannot (missing role, wrong URI, deleted secret) it passes the reference text through unchanged,
/// and that text is long enough to pass as a signing key. Every key is checked, not just the known
/// secrets, because a reference is only ever used for something that should have been secret.
/// </summary>
internal sealed class UnresolvedKeyVaultReferences(IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    private const string Prefix = "@Microsoft.KeyVault(";

    // Hooked to SecurityOptions because those are validated on start in both hosts; the check itself
    // does not depend on them.
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var unresolved = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && kv.Value.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv.Key)
            .Order(StringComparer.Ordinal)
            .ToList();
        return unresolved.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "Unresolved Key Vault reference in " + string.Join(", ", unresolved)
                + " (in app settings ':' is written '__'). The platform could not read the secret: check that the app's "
                + "identity holds Key Vault Secrets User on the vault and that the secret URI exists.");
    }
}
