using System.Globalization;
using System.Text;
using BlogFunctions.Core.Comments;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// A source's name, address and website under the rules a posted comment meets. Where a POST would
/// be refused, an import keeps the comment and drops (or repairs) the field: a name loses its
/// invisible characters and is cut to length, a bad address or website is left out.
/// </summary>
internal static class SourceFields
{
    public const string Anonymous = "Anonymous";

    public static string Author(string? name)
    {
        var sb = new StringBuilder();
        foreach (var rune in (name ?? "").Trim().EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                sb.Append(rune.ToString());
            }
        }
        var text = sb.ToString().Trim();
        if (text.Length > CommentInput.MaxAuthor)
        {
            text = text[..CommentInput.MaxAuthor].TrimEnd();
            text = char.IsHighSurrogate(text[^1]) ? text[..^1] : text;
        }
        return DisplayNames.Normalize(text) ?? Anonymous;
    }

    public static string? Email(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : CommentInput.ValidEmail(value.Trim());

    public static string? Website(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : CommentInput.ValidWebsite(value.Trim());
}
