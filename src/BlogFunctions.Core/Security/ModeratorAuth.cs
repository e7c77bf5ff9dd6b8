using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Security;

public sealed class ModeratorAuth(IOptionsMonitor<ModerationOptions> options)
{
    private const int MaxKeyLength = 512;

    public bool IsModerator(HttpRequest request)
    {
        var current = options.CurrentValue;
        string? header = request.Headers.Authorization;
        if (header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return KeyMatches(current.Keys, header["Bearer ".Length..].Trim());
        }
        return current.TrustAppServiceAuthentication
            && HasRole(request.Headers["X-MS-CLIENT-PRINCIPAL"], current.Role);
    }

    /// <summary>Compares digests in constant time, so neither content nor length of a key leaks through timing.</summary>
    public static bool KeyMatches(IEnumerable<string> keys, string presented)
    {
        if (presented.Length is 0 or > MaxKeyLength)
        {
            return false;
        }
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in keys)
        {
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }
            match |= CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }
        return match;
    }

    internal static bool HasRole(string? principalHeader, string role)
    {
        if (string.IsNullOrEmpty(principalHeader) || principalHeader.Length > 16_384)
        {
            return false;
        }
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(principalHeader));
            var root = doc.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : null;
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return false;
            }
            foreach (var claim in claims.EnumerateArray())
            {
                var typ = claim.TryGetProperty("typ", out var t) ? t.GetString() : null;
                var val = claim.TryGetProperty("val", out var v) ? v.GetString() : null;
                if ((typ == roleType || typ == "roles") && string.Equals(val, role, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
