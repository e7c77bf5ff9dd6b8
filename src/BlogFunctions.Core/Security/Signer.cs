using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Security;

/// <summary>
/// HMAC-SHA256 under <see cref="SecurityOptions.SigningKey"/>, with a separate derived key per
/// purpose so a token minted for one use (say, unsubscribe) never verifies for another.
/// Tokens are <c>base64url(payload).base64url(mac)</c>; verification is constant-time.
/// </summary>
internal sealed class Signer
{
    private readonly byte[] _root;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Signer(IOptions<SecurityOptions> options)
    {
        _root = Encoding.UTF8.GetBytes(options.Value.SigningKey);
    }

    public string Sign(string purpose, string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        return Token(data, Mac(purpose, data));
    }

    /// <summary>The token format, shared with <see cref="BatchSigner"/>.</summary>
    internal static string Token(ReadOnlySpan<byte> data, ReadOnlySpan<byte> mac) =>
        Base64Url.EncodeToString(data) + "." + Base64Url.EncodeToString(mac);

    /// <summary>A signer for many tokens of one purpose in a row (see <see cref="BatchSigner"/>).</summary>
    public BatchSigner ForBatch(string purpose) => new(KeyFor(purpose));

    /// <summary>The payload of a token this signer issued for <paramref name="purpose"/>, or null.</summary>
    public string? Verify(string purpose, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }
        try
        {
            var data = WebEncoders.Base64UrlDecode(token, 0, dot);
            var mac = WebEncoders.Base64UrlDecode(token, dot + 1, token.Length - dot - 1);
            if (!CryptographicOperations.FixedTimeEquals(mac, Mac(purpose, data)))
            {
                return null;
            }
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A stable pseudonym (for IPs, emails in logs and keys): HMAC, never reversible without the key.</summary>
    public string Hash(string purpose, string value) =>
        WebEncoders.Base64UrlEncode(Mac(purpose, Encoding.UTF8.GetBytes(value)).AsSpan(0, 18));

    private byte[] Mac(string purpose, byte[] data) => HMACSHA256.HashData(KeyFor(purpose), data);

    private byte[] KeyFor(string purpose)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(purpose, out var key))
            {
                key = HMACSHA256.HashData(_root, Encoding.UTF8.GetBytes("blogfunctions/" + purpose));
                _keys[purpose] = key;
            }
            return key;
        }
    }
}
