using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BlogFunctions.Core.Web;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Web;

public abstract class WebAssetTests(BlogFixture stack, HostKind kind)
{
    private IBlogHost Server => stack.Host(kind);

    private HttpClient Client => Server.Client;

    private WebAssetCatalog Catalog => Server.Services.GetRequiredService<WebAssetCatalog>();

    [Theory]
    [InlineData("api/embed/comments.js", 8 * 1024)]
    [InlineData("api/embed/count.js", 1024)]
    public async Task Script_is_served_gzipped_within_its_size_budget(string path, int budget)
    {
        var response = await Get(path, "gzip, deflate");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.InRange(bytes.Length, 200, budget);
        var text = Unzip(bytes);
        Assert.Contains("use strict", text, StringComparison.Ordinal);
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task Widget_and_its_stylesheet_together_stay_within_eight_kilobytes_gzipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var script = await (await Get("api/embed/comments.js", "gzip")).Content.ReadAsByteArrayAsync(ct);
        var css = await Get("api/embed/comments.css", "gzip");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        var style = await css.Content.ReadAsByteArrayAsync(ct);
        Assert.InRange(script.Length + style.Length, 1000, 8 * 1024);
        TestContext.Current.TestOutputHelper?.WriteLine($"comments.js {script.Length} B + comments.css {style.Length} B gzipped");
    }

    [Fact]
    public async Task Widget_links_the_current_stylesheet_by_its_version_and_injects_no_style_element()
    {
        var ct = TestContext.Current.CancellationToken;
        var script = await (await Get("api/embed/comments.js", null)).Content.ReadAsStringAsync(ct);
        Assert.Contains(JsonString(Catalog.CommentsCss.Version), script, StringComparison.Ordinal);
        Assert.Contains("/embed/comments.css?v=", script, StringComparison.Ordinal);
        Assert.DoesNotContain("/*CSS*/", script, StringComparison.Ordinal);
        Assert.DoesNotContain("'style'", script, StringComparison.Ordinal);
        Assert.DoesNotContain("style:", script, StringComparison.Ordinal);
        Assert.DoesNotContain("eval(", script, StringComparison.Ordinal);

        var css = await (await Get("api/embed/comments.css?v=" + Catalog.CommentsCss.Version, null)).Content.ReadAsStringAsync(ct);
        Assert.Contains("--bc-accent", css, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme", css, StringComparison.Ordinal);
        var versioned = await Get("api/embed/comments.css?v=" + Catalog.CommentsCss.Version, "gzip");
        Assert.Contains("immutable", versioned.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    private static string JsonString(string value) => "\"" + value + "\"";

    [Theory]
    [InlineData("br, gzip", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData(null, null)]
    public async Task Encoding_follows_accept_encoding_and_body_decodes_to_the_same_script(string? accept, string? expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Get("api/embed/count.js", accept);
        Assert.Equal(expected, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var text = expected switch
        {
            "br" => Decode(new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress)),
            "gzip" => Unzip(bytes),
            _ => Encoding.UTF8.GetString(bytes),
        };
        Assert.Equal(Encoding.UTF8.GetString(Catalog.Count.Identity), text);
    }

    [Fact]
    public async Task Etag_revalidation_answers_304_without_a_body()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await Get("api/embed/comments.js", "gzip");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);

        foreach (var tag in new[] { etag.Tag, "W/" + etag.Tag, "\"other\", " + etag.Tag })
        {
            using var again = new HttpRequestMessage(HttpMethod.Get, "api/embed/comments.js");
            again.Headers.AcceptEncoding.ParseAdd("gzip");
            again.Headers.TryAddWithoutValidation("If-None-Match", tag);
            var response = await Client.SendAsync(again, ct);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Equal(etag, response.Headers.ETag);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync(ct));
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, "api/embed/comments.js");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"0000\"");
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(stale, ct)).StatusCode);
    }

    [Fact]
    public async Task Versioned_url_is_immutable_and_plain_url_revalidates_soon()
    {
        var versioned = await Get("api/embed/comments.js?v=" + Catalog.Comments.Version, "gzip");
        Assert.True(versioned.Headers.CacheControl!.MaxAge >= TimeSpan.FromDays(365));
        Assert.Contains("immutable", versioned.Headers.CacheControl.ToString(), StringComparison.Ordinal);

        foreach (var path in new[] { "api/embed/comments.js", "api/embed/comments.js?v=stale-version" })
        {
            var plain = await Get(path, "gzip");
            Assert.True(plain.Headers.CacheControl!.MaxAge <= TimeSpan.FromMinutes(10));
            Assert.DoesNotContain("immutable", plain.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Moderation_page_is_public_holds_no_secret_and_allows_only_its_own_hashed_script()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await Get("api/moderation/ui", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(ct);
        Assert.Contains("Moderator key", html, StringComparison.Ordinal);
        Assert.DoesNotContain(BlogServer.ModeratorKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(BlogServer.SigningKey, html, StringComparison.Ordinal);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
    }

    private async Task<HttpResponseMessage> Get(string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Unzip(byte[] bytes) => Decode(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));

    private static string Decode(Stream stream)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

public sealed class WebAssetTestsOnSelfHost(BlogFixture stack) : WebAssetTests(stack, HostKind.SelfHost);

public sealed class WebAssetTestsOnFunctions(BlogFixture stack) : WebAssetTests(stack, HostKind.Functions);
