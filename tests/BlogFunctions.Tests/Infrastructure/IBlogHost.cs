namespace BlogFunctions.Tests.Infrastructure;

/// <summary>Which host a contract test runs against: every HTTP behaviour is proven on both.</summary>
public enum HostKind
{
    /// <summary>The Kestrel SelfHost, in-process.</summary>
    SelfHost,

    /// <summary>The built Functions worker, out of process, driven by the Functions-host stand-in.</summary>
    Functions,
}

/// <summary>Starts a host of either kind over the given storage, with settings over the defaults.</summary>
public static class BlogHosts
{
    public static async Task<IBlogHost> StartAsync(HostKind kind, string storageConnectionString,
        IReadOnlyDictionary<string, string?>? settings = null) => kind == HostKind.SelfHost
        ? await BlogServer.StartAsync(storageConnectionString, settings)
        : await FunctionsHost.FunctionsServer.StartAsync(storageConnectionString, settings);
}

/// <summary>A running host of the blog API, as the tests talk to it: over HTTP only.</summary>
public interface IBlogHost : IAsyncDisposable
{
    HostKind Kind { get; }

    /// <summary>Root of the host, e.g. http://127.0.0.1:5123/ (API routes are under api/).</summary>
    Uri BaseAddress { get; }

    /// <summary>An anonymous client, as a blog page would be.</summary>
    HttpClient Client { get; }

    /// <summary>A client sending the moderator key.</summary>
    HttpClient Moderator { get; }

    /// <summary>
    /// Core's services over the same settings and storage, for a test to read what was stored or
    /// sign what a page would get. For the SelfHost these are the server's own; for the Functions
    /// app (another process) an identical container built beside it.
    /// </summary>
    IServiceProvider Services { get; }
}
