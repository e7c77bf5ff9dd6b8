namespace BlogFunctions.Core.Imports;

/// <summary>The formats an import reads, by their name in <c>?format=</c>.</summary>
internal static class ImportFormats
{
    public const string Disqus = "disqus";
    public const string Wxr = "wxr";
    public const string Remark42 = "remark42";
    public const string Isso = "isso";

    /// <summary>Our own export (<c>GET /api/moderation/export</c>), so a round trip is lossless.</summary>
    public const string Native = "blogfunctions";

    public static IReadOnlyList<string> All { get; } = [Disqus, Wxr, Remark42, Isso, Native];

    public static bool IsKnown(string? format) => format is not null && All.Contains(format, StringComparer.Ordinal);

    /// <summary>The reader of a format over a local copy of the file.</summary>
    public static ISourceReader Reader(string format, string path) => format switch
    {
        Disqus => new DisqusReader(path),
        Wxr => new WxrReader(path),
        Remark42 => new Remark42Reader(path),
        Isso => new IssoReader(path),
        Native => new NativeReader(path),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown import format."),
    };
}
