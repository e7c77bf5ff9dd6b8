using BlogFunctions.Core.Security;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// A host refuses to start with a secret anyone could know or guess: the placeholder from our own
/// example settings (public, so anyone could sign a one-click approve link with it), a short or
/// one-character-repeated key, a short moderator key. The error names the setting, never the value.
/// </summary>
public abstract class StartupSecretTests(BlogFixture fixture, HostKind kind)
{
    public static TheoryData<string, string, string> WeakSettings => new()
    {
        { "Security:SigningKey", "replace-with-at-least-32-random-characters", "Security:SigningKey" },
        { "Security:SigningKey", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Security:SigningKey" },
        { "Security:SigningKey", "short-but-random-Zq8", "Security:SigningKey" },
        { "Moderation:Keys:0", "replace-with-a-moderator-key", "Moderation:Keys:0" },
        { "Moderation:Keys:1", "hunter2", "Moderation:Keys:1" },
    };

    [Theory]
    [MemberData(nameof(WeakSettings))]
    public async Task A_host_with_a_weak_or_placeholder_secret_refuses_to_start(string setting, string value, string named)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await BlogHosts.StartAsync(kind, fixture.StorageConnectionString,
                new Dictionary<string, string?> { [setting] = value });
        });
        var message = refused.ToString();
        Assert.Contains(named, message.Replace("__", ":", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(value, message, StringComparison.Ordinal);
    }
}

public sealed class StartupSecretTestsOnSelfHost(BlogFixture fixture) : StartupSecretTests(fixture, HostKind.SelfHost);

public sealed class StartupSecretTestsOnFunctions(BlogFixture fixture) : StartupSecretTests(fixture, HostKind.Functions);

/// <summary>The secret rule as a table: what real generated keys look like passes.</summary>
public sealed class SecretStrengthTests
{
    [Theory]
    [InlineData("k7Gq2vN9xR4tW8yB1mP5sD3fH6jL0cZa")]
    [InlineData("0f9a3c5e7b1d2468ace02468bdf13579")]
    [InlineData("U2FsdGVkX1+8mR3k9QpLw7vNzT0aYcE4sHjB6uDfG2o=")]
    [InlineData("test-signing-key-0123456789-0123456789-abcdef")]
    public void Random_keys_of_32_characters_or_more_pass(string key) => Assert.Null(SecretStrength.Weakness(key));

    [Theory]
    [InlineData("")]
    [InlineData("passwordpasswordpasswordpassword")]
    [InlineData("0000000000000000000000000000000000000000")]
    [InlineData("<your-signing-key-of-32-characters-at-least>")]
    [InlineData("changeme-changeme-changeme-changeme")]
    public void Empty_repetitive_and_placeholder_keys_fail(string key) => Assert.NotNull(SecretStrength.Weakness(key));
}
