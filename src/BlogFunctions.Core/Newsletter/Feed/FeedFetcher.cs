using System.Net;
using System.Net.Http.Headers;

namespace BlogFunctions.Core.Newsletter.Feed;

/// <summary>The result of a conditional GET of the feed.</summary>
internal sealed record FeedFetch(bool NotModified, IReadOnlyList<FeedItem> Items, string? ETag, DateTimeOffset? LastModified);

/// <summary>Fetches the feed with If-None-Match / If-Modified-Since, so an unchanged feed costs one 304.</summary>
internal sealed class FeedFetcher(IHttpClientFactory httpClients)
{
    public const string HttpClientName = "newsletter-feed";
    public const int MaxBytes = 16 * 1024 * 1024;

    public async Task<FeedFetch> FetchAsync(Uri url, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
        if (!string.IsNullOrEmpty(etag) && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }
        if (lastModified is { } since)
        {
            request.Headers.IfModifiedSince = since;
        }
        var client = httpClients.CreateClient(HttpClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new FeedFetch(true, [], etag, lastModified);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The feed answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        // Parsing is synchronous; buffer first so a slow feed cannot pin a thread on network reads.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new FeedFormatException($"The feed is larger than {MaxBytes / (1024 * 1024)} MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        var items = FeedParser.Parse(buffer, response.RequestMessage?.RequestUri ?? url);
        return new FeedFetch(false, items, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified);
    }
}
