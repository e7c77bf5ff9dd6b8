using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Security;

/// <summary>
/// Refuses to start with a signing key or moderator key that <see cref="SecretStrength"/> rejects.
/// A placeholder signing key lets anyone who read the example sign a one-click approve link, and a
/// short moderator key can be guessed; both hosts validate SecurityOptions on start, so this runs there.
/// </summary>
internal sealed class WeakSecrets(IConfiguration configuration) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (SecretStrength.Weakness(options.SigningKey) is { } weak)
        {
            failures.Add($"{SecurityOptions.Section}:SigningKey {weak}.");
        }
        // Read from configuration rather than ModerationOptions, so each key is named by its setting.
        foreach (var key in configuration.GetSection(ModerationOptions.Section + ":Keys").GetChildren())
        {
            if (!string.IsNullOrEmpty(key.Value) && SecretStrength.Weakness(key.Value) is { } weakKey)
            {
                failures.Add($"{key.Path} {weakKey}.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
