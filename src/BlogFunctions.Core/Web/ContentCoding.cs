using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace BlogFunctions.Core.Web;

/// <summary>Chooses the response coding from Accept-Encoding (RFC 9110 §12.5.3), preferring brotli.</summary>
internal static class ContentCoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";
    public const string Identity = "identity";

    public static string Choose(StringValues acceptEncoding)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding)
            || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var offers))
        {
            return Identity;
        }
        double Quality(string coding)
        {
            var exact = offers.FirstOrDefault(o => o.Value.Equals(coding, StringComparison.OrdinalIgnoreCase));
            var any = offers.FirstOrDefault(o => o.Value.Equals("*", StringComparison.Ordinal));
            var chosen = exact ?? any;
            return chosen is null ? 0 : chosen.Quality ?? 1;
        }
        var br = Quality(Brotli);
        var gzip = Quality(Gzip);
        if (br <= 0 && gzip <= 0)
        {
            return Identity;
        }
        return br >= gzip ? Brotli : Gzip;
    }
}
