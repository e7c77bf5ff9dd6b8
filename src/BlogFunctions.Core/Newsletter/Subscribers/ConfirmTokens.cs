using System.Globalization;
using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>Signed confirmation tokens: "emailHash|expiryUnixSeconds", valid for a limited time.</summary>
internal sealed class ConfirmTokens(Signer signer, TimeProvider time)
{
    public const string Purpose = "subscribe-confirm";

    public string Create(string emailHash, TimeSpan validFor) =>
        signer.Sign(Purpose, string.Create(CultureInfo.InvariantCulture,
            $"{emailHash}|{time.GetUtcNow().Add(validFor).ToUnixTimeSeconds()}"));

    /// <summary>The email hash, or null when forged, malformed or expired.</summary>
    public string? Verify(string? token)
    {
        var payload = signer.Verify(Purpose, token);
        var bar = payload?.LastIndexOf('|') ?? -1;
        if (payload is null || bar <= 0
            || !long.TryParse(payload.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var expiry)
            || DateTimeOffset.FromUnixTimeSeconds(expiry) < time.GetUtcNow())
        {
            return null;
        }
        return payload[..bar];
    }
}
