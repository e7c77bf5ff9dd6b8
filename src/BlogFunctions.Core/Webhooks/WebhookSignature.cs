using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BlogFunctions.Core.Webhooks;

/// <summary>
/// <c>X-Blog-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "t.body")&gt;</c>. The
/// timestamp is inside the MAC so a receiver can refuse a replayed old request; the secret is the
/// endpoint's own, so one receiver cannot forge events to another.
/// </summary>
internal static class WebhookSignature
{
    public const string Header = "X-Blog-Signature";
    public const string EventIdHeader = "X-Blog-Event-Id";
    public const string EventTypeHeader = "X-Blog-Event";

    public static string Create(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t + "." + body));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}

/// <summary>When to try a failed delivery again: doubling from the first delay, never past 24 h after the event.</summary>
internal static class WebhookBackoff
{
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    /// <summary>The delay before attempt <paramref name="failedAttempt"/> + 1, or null to give up.</summary>
    public static TimeSpan? Next(int failedAttempt, DateTimeOffset eventAt, DateTimeOffset now, TimeSpan first)
    {
        var left = eventAt + GiveUpAfter - now;
        if (left <= TimeSpan.Zero)
        {
            return null;
        }
        var delay = TimeSpan.FromSeconds(first.TotalSeconds * Math.Pow(2, Math.Clamp(failedAttempt - 1, 0, 30)));
        return delay < left ? delay : left;
    }
}
