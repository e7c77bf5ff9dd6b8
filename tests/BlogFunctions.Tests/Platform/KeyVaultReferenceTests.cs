using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Tests.Platform;

/// <summary>
/// A Key Vault reference the platform could not resolve reaches the app as its own text; the app
/// must refuse to start, naming the setting, rather than use that text as a secret.
/// </summary>
public sealed class KeyVaultReferenceTests(BlogFixture fixture)
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/signing-key)";

    [Fact]
    public async Task A_server_with_an_unresolved_key_vault_reference_refuses_to_start_and_names_the_settings()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => fixture.StartServerAsync(
            new Dictionary<string, string?>
            {
                // Long enough to pass as a signing key: only the reference check stops it.
                ["Security:SigningKey"] = Reference,
                // Any key counts, not only the known secrets.
                ["Comments:BlockedWords:0"] = "@Microsoft.KeyVault(VaultName=kv-test;SecretName=words)",
            }));

        Assert.Contains("Security:SigningKey", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Comments:BlockedWords:0", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kv-test", refused.Message, StringComparison.Ordinal);
    }
}
