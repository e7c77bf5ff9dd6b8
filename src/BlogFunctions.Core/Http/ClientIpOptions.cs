namespace BlogFunctions.Core.Http;

internal sealed class ClientIpOptions
{
    public const string Section = "Security";

    /// <summary>
    /// SelfHost: take the client address from the last X-Forwarded-For entry, the one the proxy in
    /// front appends (every entry before it is the client's own). Off by default: without a proxy that
    /// appends it, the client writes the whole header. The Functions worker always does this for the
    /// host in front of it, so there the setting changes nothing.
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}
