using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Security;

internal sealed class ModeratorAuth(IOptionsMonitor<ModerationOptions> options, PlatformAuthentication platform)
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
        // The setting alone is not enough: without the platform in front, anyone can send the header.
        return current.TrustAppServiceAuthentication && platform.Enabled
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
            // Only a claim of the principal's own role type counts; a claim without a type never does.
            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String
                ? rt.GetString()
                : null;
            if (string.IsNullOrEmpty(roleType))
            {
                return false;
            }
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return false;
            }
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var typ = claim.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var val = claim.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (string.Equals(typ, roleType, StringComparison.Ordinal) && string.Equals(val, role, StringComparison.Ordinal))
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
