using System.Globalization;
using System.Text;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// Which post a source thread's comments go to. The map file (URL → post id) wins; otherwise the
/// documented rule: the last non-empty segment of the URL's path (query and fragment ignored, a
/// final .html / .htm / .php / .aspx dropped), slugified: accents dropped, lower case, every run of
/// characters outside a-z 0-9 _ - becomes one '-', '-' trimmed from both ends, cut to 100
/// characters. When the URL gives nothing usable or only the home page (<c>/?p=42</c>), the
/// source's own post name (WordPress's post_name) is slugified the same way; without one, the home
/// page's comments go to post "home".
/// </summary>
internal sealed class PostIds(IReadOnlyDictionary<string, string>? map)
{
    public const string Home = "home";

    private static readonly string[] Extensions = [".html", ".htm", ".php", ".aspx"];

    public string? Resolve(string url, string? name = null)
    {
        if (map is not null && Mapped(url.Trim()) is { } mapped)
        {
            return mapped;
        }
        var fromUrl = FromUrl(url);
        return fromUrl is null or Home && name is not null ? Slug(name) ?? fromUrl : fromUrl;
    }

    private string? Mapped(string url) =>
        map!.TryGetValue(url, out var id) || map.TryGetValue(url.TrimEnd('/'), out id) || map.TryGetValue(url.TrimEnd('/') + "/", out id)
            ? id
            : null;

    public static string? FromUrl(string url)
    {
        var path = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.AbsolutePath
            : url.Split('?', '#')[0];
        var last = path.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null)
        {
            return url.Trim().Length == 0 ? null : Home;
        }
        last = Uri.UnescapeDataString(last);
        foreach (var extension in Extensions.Where(e => last.EndsWith(e, StringComparison.OrdinalIgnoreCase) && last.Length > e.Length))
        {
            last = last[..^extension.Length];
        }
        return Slug(last);
    }

    public static string? Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-';
            if (keep)
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        var slug = sb.ToString().Trim('-');
        slug = slug.Length > 100 ? slug[..100].TrimEnd('-') : slug;
        return slug.Length == 0 ? null : slug;
    }
}
