using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Infra;

/// <summary>One app setting declared in infra/main.bicep; <see cref="Literal"/> is set for plain quoted values.</summary>
public sealed record BicepSetting(string Name, bool IsArray, string Expression, string? Literal);

/// <summary>
/// Reads the app settings from the <c>var declaredSettings = union(...)</c> block of infra/main.bicep:
/// object keys are scalar settings, <c>indexed('Name', array)</c> calls expand to Name__0, Name__1, ...
/// </summary>
public static partial class BicepAppSettings
{
    public static string MainBicepPath { get; } = RepoPaths.Combine("infra", "main.bicep");

    public static IReadOnlyList<BicepSetting> Read() => Parse(File.ReadAllText(MainBicepPath));

    public static IReadOnlyList<BicepSetting> Parse(string bicep)
    {
        var start = bicep.IndexOf("var declaredSettings = union(", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("main.bicep has no 'var declaredSettings = union(' block");
        }
        var end = bicep.IndexOf("\n)", start, StringComparison.Ordinal);
        var block = bicep[start..end];
        var settings = new List<BicepSetting>();
        foreach (Match m in KeyLine().Matches(block))
        {
            var expression = m.Groups["value"].Value.Trim();
            var literal = LiteralValue().Match(expression);
            var name = m.Groups["name"].Value;
            var index = IndexSuffix().Match(name);
            settings.Add(index.Success
                ? new BicepSetting(name[..index.Index], true, expression, null)
                : new BicepSetting(name, false, expression, literal.Success ? literal.Groups["text"].Value : null));
        }
        foreach (Match m in IndexedCall().Matches(block))
        {
            settings.Add(new BicepSetting(m.Groups["name"].Value, true, m.Value, null));
        }
        return settings;
    }

    [GeneratedRegex(@"^[ \t]+'?(?<name>[A-Za-z_][A-Za-z0-9_]*)'?[ \t]*:[ \t]*(?<value>[^\r\n]+)$", RegexOptions.Multiline)]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"^'(?<text>[^'$]*)'$")]
    private static partial Regex LiteralValue();

    [GeneratedRegex(@"__\d+$")]
    private static partial Regex IndexSuffix();

    [GeneratedRegex(@"indexed\('(?<name>[A-Za-z0-9_]+)'[^\r\n]*")]
    private static partial Regex IndexedCall();
}
