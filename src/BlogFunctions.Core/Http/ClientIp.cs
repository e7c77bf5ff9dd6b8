using System.Net;
using System.Net.Sockets;

namespace BlogFunctions.Core.Http;

/// <summary>
/// The client as the per-IP limits and the stored IP hash see it: the connection's remote address,
/// which each host has already resolved from the proxy in front of it. The Functions worker takes
/// the X-Forwarded-For entry its host forwards (the one Azure's front end appends, the last); the
/// SelfHost does the same when <see cref="ClientIpOptions.TrustForwardedFor"/> is on. The entries
/// before it are whatever the client wrote, so they never count. An IPv6 client is its /64: one
/// subscriber line holds the whole prefix, and could otherwise take a fresh address per request.
/// </summary>
internal static class ClientIp
{
    private const int Ipv6PrefixBytes = 8;

    public static string Resolve(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress is { } remote ? Group(remote) : "unknown";

    /// <summary>IPv4 as is (also when IPv4-mapped), IPv6 as its /64 network.</summary>
    internal static string Group(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, Ipv6PrefixBytes, bytes.Length - Ipv6PrefixBytes);
        return new IPAddress(bytes) + "/64";
    }
}
