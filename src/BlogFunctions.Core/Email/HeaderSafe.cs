using System.Buffers;
using System.Text;

namespace BlogFunctions.Core.Email;

/// <summary>
/// Keeps user-supplied text out of header syntax: a CR or LF in a name or subject could otherwise
/// add headers (Bcc: ...) to an email. Every value that ends up in a header goes through here.
/// </summary>
// Kept because MimeKit and System.Net.Mail only drop or refuse CR/LF and pass NUL, ESC, U+2028 and the
// like into the header (see HeaderSafeVsLibrariesTests); we send SendGrid JSON, not MIME we encode.
internal static class HeaderSafe
{
    /// <summary>Control characters (CR, LF, tab, NUL...) become spaces; runs of spaces collapse; trimmed.</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (IsClean(value))
        {
            // Nearly every value (each newsletter recipient's headers) is clean already: no copy.
            return value;
        }
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (blank)
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    // Every character Clean turns into a space, except the plain space itself (checked separately).
    private static readonly SearchValues<char> Blanks = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i)
            .Where(c => c != ' ' && (char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029'))
            .ToArray());

    private static bool IsClean(string value) =>
        value[0] != ' ' && value[^1] != ' '
        && !value.AsSpan().ContainsAny(Blanks)
        && !value.Contains("  ", StringComparison.Ordinal);

    public static string? CleanOrNull(string? value) => Clean(value) is { Length: > 0 } s ? s : null;

    /// <summary>An address must never carry a line break; validation refuses them earlier, this is the last line of defence.</summary>
    public static string Address(string email) =>
        email.AsSpan().IndexOfAny('\r', '\n') >= 0 || email.Any(char.IsControl)
            ? throw new ArgumentException("An email address may not contain control characters.", nameof(email))
            : email;
}
