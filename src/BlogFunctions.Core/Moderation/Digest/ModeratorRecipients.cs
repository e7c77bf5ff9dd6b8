using BlogFunctions.Core.Email;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>Who gets the moderator digest: Moderation:NotifyEmails, cleaned up.</summary>
internal static class ModeratorRecipients
{
    /// <summary>
    /// Trimmed, plausible addresses, each once (case-insensitive, first spelling kept), at most
    /// what one send accepts. A blank or broken entry is skipped rather than failing every digest.
    /// </summary>
    public static IReadOnlyList<string> From(ModerationOptions options) =>
        [.. options.NotifyEmails.Select(e => e?.Trim() ?? "")
            .Where(IsPlausible)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(IEmailSender.MaxRecipientsPerMessage)];

    private static bool IsPlausible(string e)
    {
        var at = e.IndexOf('@', StringComparison.Ordinal);
        return e.Length <= 254 && at > 0 && at < e.Length - 1 && at == e.LastIndexOf('@')
            && !e.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';');
    }
}
