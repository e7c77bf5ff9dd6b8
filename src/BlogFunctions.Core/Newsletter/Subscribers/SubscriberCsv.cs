using System.Globalization;
using System.Text;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>
/// RFC 4180 CSV of the list. Cells that a spreadsheet would run as a formula (starting with
/// = + - @, tab or CR) are prefixed with an apostrophe: names and sources come from the public.
/// </summary>
internal static class SubscriberCsv
{
    public static readonly string[] Header =
    [
        "email", "name", "status", "created_at", "confirmed_at", "unsubscribed_at", "suppressed_reason",
        "consent_at", "consent_ip_hash", "consent_wording", "consent_source",
    ];

    public static string Write(IEnumerable<SubscriberEntity> rows)
    {
        var sb = new StringBuilder();
        Line(sb, Header);
        foreach (var s in rows)
        {
            Line(sb, [s.Email, s.Name, s.Status, Time(s.CreatedAt), Time(s.ConfirmedAt), Time(s.UnsubscribedAt), s.SuppressedReason,
                Time(s.ConsentAt), s.ConsentIpHash, s.ConsentWording, s.ConsentSource]);
        }
        return sb.ToString();
    }

    public static string Cell(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' or '|' or '%')
        {
            v = "'" + v;
        }
        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 || v.Length != v.Trim().Length
            ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : v;
    }

    private static void Line(StringBuilder sb, IEnumerable<string?> cells) =>
        sb.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");

    private static string? Time(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A CSV download (UTF-8 with BOM, so spreadsheets read accents right).</summary>
internal sealed class CsvResult(string fileName, string content) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        return response.WriteAsync("\uFEFF" + content, Encoding.UTF8);
    }
}
