using System.IO.Compression;
using System.Security.Cryptography;

namespace BlogFunctions.Core.Web;

/// <summary>
/// One served file, compressed once (gzip and brotli at their smallest settings) by the first
/// request that asks for that coding, so each later request only picks a byte array. Not at start:
/// brotli's smallest setting took about a tenth of a cold start (perf, bench/README.md). The version is a content hash: a URL
/// carrying it may be cached for a year because a new build changes the URL.
/// </summary>
internal sealed class WebAsset
{
    public WebAsset(string name, string contentType, byte[] content)
    {
        Name = name;
        ContentType = contentType;
        Identity = content;
        _gzip = new(() => Compress(content, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true)));
        _brotli = new(() => Compress(content, s => new BrotliStream(s, CompressionLevel.SmallestSize, leaveOpen: true)));
        Version = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
    }

    public string Name { get; }

    public string ContentType { get; }

    public string Version { get; }

    public byte[] Identity { get; }

    private readonly Lazy<byte[]> _gzip;
    private readonly Lazy<byte[]> _brotli;

    public byte[] Gzip => _gzip.Value;

    public byte[] Brotli => _brotli.Value;

    /// <summary>Extra response headers (security policy of the moderation page).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Cache-Control for a request without the current version in its query.</summary>
    public string UnversionedCacheControl { get; init; } = "public, max-age=300, stale-while-revalidate=86400";

    /// <summary>The body and its strong ETag for a content coding ("br", "gzip" or "identity").</summary>
    public (byte[] Body, string ETag) Representation(string coding) => coding switch
    {
        "br" => (Brotli, $"\"{Version}-br\""),
        "gzip" => (Gzip, $"\"{Version}-gz\""),
        _ => (Identity, $"\"{Version}\""),
    };

    private static byte[] Compress(byte[] content, Func<Stream, Stream> wrap)
    {
        using var output = new MemoryStream();
        using (var compressor = wrap(output))
        {
            compressor.Write(content);
        }
        return output.ToArray();
    }
}
