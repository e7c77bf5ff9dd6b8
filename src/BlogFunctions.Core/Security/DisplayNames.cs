using System.Globalization;
using System.Text;

namespace BlogFunctions.Core.Security;

/// <summary>
/// The rule for names people give (comment authors, subscribers): shown to readers and moderators,
/// so a name must not hide or reorder text. Format characters (Unicode category Cf: zero-width
/// spaces and joiners, bidi overrides such as U+202E, soft hyphens) can make a name look empty or
/// make "Mallory‮gnp.exe" read differently from what it is; they are refused, not stripped, so
/// the person sees why. NFC makes the same name the same string however it was typed.
/// </summary>
internal static class DisplayNames
{
    // Letters and symbols that render as nothing: Hangul fillers and the blank Braille pattern.
    private static readonly HashSet<int> BlankGlyphs = [0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800];

    /// <summary>The NFC form of <paramref name="name"/> when it is a valid name, else null.</summary>
    public static string? Normalize(string name)
    {
        if (HasLoneSurrogate(name))
        {
            // Not text: it can be neither normalized nor shown.
            return null;
        }
        name = name.Normalize(NormalizationForm.FormC);
        var visible = false;
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.Surrogate
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return null;
            }
            visible |= IsVisible(category) && !BlankGlyphs.Contains(rune.Value);
        }
        return visible ? name : null;
    }

    private static bool IsVisible(UnicodeCategory category) => category switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }
        return false;
    }
}
