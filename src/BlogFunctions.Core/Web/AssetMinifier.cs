using System.Text;
using System.Text.RegularExpressions;

namespace BlogFunctions.Core.Web;

/// <summary>
/// A deliberately conservative shrink of our own sources: it drops indentation, blank lines and
/// whole-line <c>//</c> comments (JS) or block comments (CSS), never touching code inside a line,
/// so it cannot change meaning. Gzip does the rest of the work.
/// </summary>
internal static partial class AssetMinifier
{
    public static string Js(string source)
    {
        var output = new StringBuilder(source.Length);
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }
            output.Append(line).Append('\n');
        }
        return output.ToString();
    }

    public static string Css(string source)
    {
        var noComments = CssComment().Replace(source, "");
        var collapsed = Whitespace().Replace(noComments, " ");
        return CssPunctuation().Replace(collapsed, "$1").Trim();
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*([{};,>])\s*")]
    private static partial Regex CssPunctuation();
}
