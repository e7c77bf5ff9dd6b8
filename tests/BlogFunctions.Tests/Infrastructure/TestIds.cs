namespace BlogFunctions.Tests.Infrastructure;

public static class TestIds
{
    private static int _ip;

    /// <summary>A post id no other test uses.</summary>
    public static string Post(string prefix = "post") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 100)];

    /// <summary>
    /// A distinct client address (documentation range, only ever a header value) for X-Forwarded-For, so
    /// rate limits of tests do not meet. Each is in its own /64, since the limits count an IPv6 /64 as one client.
    /// </summary>
    public static string Ip()
    {
        var n = Interlocked.Increment(ref _ip);
        return $"2001:db8:{n >> 16:x}:{n & 0xffff:x}::1";
    }
}
