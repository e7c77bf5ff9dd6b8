using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// The public read cache keeps only pages of the server's own paging. Seen from outside: a page
/// kept in the cache goes on showing what it showed while another instance changes storage (the
/// host's cache is long here), a page that was not kept shows the change at once. So a cursor a
/// client made up must show the change (nothing kept for it, so cursors cannot fill memory), and
/// the cursor the server handed out must not (its pages are still cached).
/// </summary>
public abstract class CursorCacheTests(HardenedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_made_up_cursor_is_served_but_not_cached_while_the_servers_own_cursor_is()
    {
        var postId = TestIds.Post("cursor");
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (status, json) = await host.PostAsync(postId, TestIds.Ip(), $"Comment {i} on the thread.", via: host.OtherInstance);
            Assert.Equal(HttpStatusCode.Created, status);
            ids.Add(json["id"]!.GetValue<string>());
        }

        // Pages of two: [0 1] [2 3] [4 5]. The server's cursor after page one starts after id 1;
        // a made-up one, valid in form, starts after id 0.
        var first = await PageAsync(postId, null);
        var serverCursor = first["next"]!.GetValue<string>();
        var madeUp = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(ids[0]));
        Assert.Equal([ids[2], ids[3]], Ids(await PageAsync(postId, serverCursor)));
        Assert.Equal([ids[1], ids[2]], Ids(await PageAsync(postId, madeUp)));

        // Another instance removes comment 2 from the public thread; this host's cache does not hear of it.
        using var rejected = await host.OtherInstance.Moderator.PostAsync(
            new Uri($"api/moderation/comments/{postId}/{ids[2]}/reject", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        Assert.Equal([ids[1], ids[3]], Ids(await PageAsync(postId, madeUp)));
        Assert.Equal([ids[2], ids[3]], Ids(await PageAsync(postId, serverCursor)));
    }

    private async Task<JsonObject> PageAsync(string postId, string? cursor)
    {
        var path = $"api/posts/{postId}/comments" + (cursor is null ? "" : "?cursor=" + cursor);
        return (await host.Server.Client.GetFromJsonAsync<JsonObject>(path, Ct))!;
    }

    private static string[] Ids(JsonObject page) =>
        [.. page["comments"]!.AsArray().Select(c => c!["id"]!.GetValue<string>())];
}

public sealed class CursorCacheTestsOnSelfHost(HardenedHost host) : CursorCacheTests(host), IClassFixture<HardenedHost>;

public sealed class CursorCacheTestsOnFunctions(HardenedHost.OnFunctions host)
    : CursorCacheTests(host), IClassFixture<HardenedHost.OnFunctions>;
