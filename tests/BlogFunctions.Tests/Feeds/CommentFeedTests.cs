using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using BlogFunctions.Tests.Comments;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Feeds;

/// <summary>
/// Issue #17's comment feeds on both hosts: valid Atom (parsed by System.ServiceModel.Syndication),
/// approved comments only, newest first, sanitised HTML content, ETag and 304.
/// </summary>
public abstract class CommentFeedTests(BlogFixture stack, HostKind kind)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_posts_feed_lists_its_approved_comments_newest_first_and_answers_304_when_unchanged()
    {
        var host = stack.Host(kind);
        var api = new CommentApi(host);
        var post = TestIds.Post("feed");
        var first = await api.PublishAsync(post, "First **approved** <script>alert(1)</script>");
        var second = await api.PublishAsync(post, "Second approved", author: "Bob & <Co>");
        await api.PostOkAsync(post, new { author = "Held", body = "Still held" }, HttpStatusCode.Accepted);

        using var response = await host.Client.GetAsync($"api/posts/{post}/comments.atom", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal([$"urn:blogfunctions:comment:{post}:{second}", $"urn:blogfunctions:comment:{post}:{first}"], feed.Items.Select(i => i.Id));
        var html = ((TextSyndicationContent)feed.Items.Last().Content).Text;
        Assert.Contains("<strong>approved</strong>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Bob & <Co>", feed.Items.First().Authors.Single().Name);
        Assert.DoesNotContain(feed.Items, i => ((TextSyndicationContent)i.Content).Text.Contains("Still held", StringComparison.Ordinal));

        using var again = new HttpRequestMessage(HttpMethod.Get, $"api/posts/{post}/comments.atom");
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(response.Headers.ETag!.ToString()));
        using var notModified = await host.Client.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_site_feed_holds_the_newest_approved_comments_across_posts()
    {
        var host = stack.Host(kind);
        var api = new CommentApi(host);
        var (a, b) = (TestIds.Post("sfeed"), TestIds.Post("sfeed"));
        var one = await api.PublishAsync(a, "On post a");
        var two = await api.PublishAsync(b, "On post b");
        await Task.Delay(TimeSpan.FromSeconds(3), Ct); // past Comments:ReadCacheSeconds, for a feed cached by an earlier test
        using var response = await host.Client.GetAsync("api/comments.atom", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ids = Parse(await response.Content.ReadAsStringAsync(Ct)).Items.Select(i => i.Id).ToList();
        Assert.True(ids.Count <= 50);
        var (ia, ib) = (ids.IndexOf($"urn:blogfunctions:comment:{a}:{one}"), ids.IndexOf($"urn:blogfunctions:comment:{b}:{two}"));
        Assert.True(ib >= 0 && ia > ib, $"newest first: {string.Join(", ", ids.Take(5))}");
    }

    [Fact]
    public async Task A_bad_post_id_is_a_problem()
    {
        using var response = await stack.Host(kind).Client.GetAsync("api/posts/Not%20Valid/comments.atom", Ct);
        await CommentApi.ProblemAsync(response, HttpStatusCode.BadRequest, "invalid_post_id");
    }

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml));
        return SyndicationFeed.Load(reader);
    }
}

public sealed class CommentFeedTestsOnSelfHost(BlogFixture stack) : CommentFeedTests(stack, HostKind.SelfHost);

public sealed class CommentFeedTestsOnFunctions(BlogFixture stack) : CommentFeedTests(stack, HostKind.Functions);
