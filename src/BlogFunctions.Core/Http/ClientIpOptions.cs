namespace BlogFunctions.Core.Http;

public sealed class ClientIpOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Take the client address from the first X-Forwarded-For entry. Azure Functions sits behind a
    /// front end that sets it (the worker only sees the host); off by default because a client can
    /// forge the header when nothing in front overwrites it.
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}
