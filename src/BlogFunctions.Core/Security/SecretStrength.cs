namespace BlogFunctions.Core.Security;

/// <summary>
/// Whether a configured secret is fit to sign links or guard moderator routes: long enough, not a
/// placeholder someone copied from our examples (those are public, so anyone could sign with them),
/// and not built from a handful of characters. A pure rule, table-tested.
/// </summary>
internal static class SecretStrength
{
    public const int MinLength = 32;

    // Random keys of 32+ characters hold far more distinct characters than this; a repeated word does not.
    private const int MinDistinctCharacters = 10;

    // Shannon entropy of the character frequencies, in bits per character: 32 random hex digits score
    // about 3.7, base64 about 4.7; "passwordpassword…" scores 2.8.
    private const double MinBitsPerCharacter = 3.0;

    /// <summary>Words that only a placeholder holds; random keys of this length never contain them.</summary>
    private static readonly string[] PlaceholderWords =
    [
        "replace", "changeme", "change-me", "change_me", "placeholder", "your-", "your_", "example", "xxxxxx",
        "<", ">", "todo", "fixme", "insert",
    ];

    /// <summary>Null when the secret is acceptable, else why not (never the secret itself).</summary>
    public static string? Weakness(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return "is empty";
        }
        if (secret.Length < MinLength)
        {
            return $"is shorter than {MinLength} characters";
        }
        var lower = secret.ToLowerInvariant();
        if (PlaceholderWords.Any(w => lower.Contains(w, StringComparison.Ordinal)))
        {
            return "is a placeholder from an example; generate a random one";
        }
        var counts = secret.GroupBy(c => c).Select(g => (double)g.Count()).ToList();
        var bits = -counts.Sum(n => n / secret.Length * Math.Log2(n / secret.Length));
        return counts.Count < MinDistinctCharacters || bits < MinBitsPerCharacter
            ? "has too little variety to be random; generate a random one"
            : null;
    }
}
