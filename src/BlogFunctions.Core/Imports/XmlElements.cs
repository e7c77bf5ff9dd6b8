using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// Streams the elements of an XML export one at a time (a 200 MB file never sits in memory), by
/// local name, so the namespace versions exporters use (wp 1.0, 1.1, 1.2) all read the same.
/// DTDs are refused: an export has none, and an entity could read files or expand without bound.
/// </summary>
internal static class XmlElements
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Elements at <paramref name="depth"/> (0 = the root) named one of <paramref name="names"/>, with the line each starts on.</summary>
    public static async IAsyncEnumerable<(XElement Element, int Line)> ReadAsync(string path, int depth, string[] names,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(File.OpenRead(path), Settings);
        var info = (IXmlLineInfo)reader;
        await Task.Yield();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (XElement, int)? next;
            try
            {
                next = Next(reader, info, depth, names);
            }
            catch (XmlException e)
            {
                throw new ImportFormatException(
                    $"line {e.LineNumber}, position {e.LinePosition}: the XML is malformed or truncated ({e.Message})", e);
            }
            if (next is not { } found)
            {
                yield break;
            }
            yield return found;
        }
    }

    private static (XElement, int)? Next(XmlReader reader, IXmlLineInfo info, int depth, string[] names)
    {
        if (reader.ReadState == ReadState.Initial)
        {
            reader.Read();
        }
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth && names.Contains(reader.LocalName))
            {
                var line = info.LineNumber;
                return ((XElement)XNode.ReadFrom(reader), line);
            }
            reader.Read();
        }
        return null;
    }

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static string? ChildText(this XElement element, string localName) =>
        element.Child(localName)?.Value is { } value ? value.Trim() : null;

    public static string? IdAttribute(this XElement? element) =>
        element?.Attributes().FirstOrDefault(a => a.Name.LocalName == "id")?.Value is { Length: > 0 } id ? id : null;

    public static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";

    /// <summary>An exporter's date: with an offset it is converted, without one it is read as UTC; unreadable → null.</summary>
    public static DateTimeOffset? Date(string? value, params string[] formats)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal | DateTimeStyles.AllowWhiteSpaces;
        var ok = formats.Length > 0
            ? DateTimeOffset.TryParseExact(value, formats, CultureInfo.InvariantCulture, styles, out var parsed)
            : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out parsed);
        // WordPress writes 0000-00-00 00:00:00 for "no date"; anything before 1990 is no real comment's date either.
        return ok && parsed.Year >= 1990 ? parsed.ToUniversalTime() : null;
    }
}
