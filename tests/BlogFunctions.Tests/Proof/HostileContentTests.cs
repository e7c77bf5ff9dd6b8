using System.Net;
using System.Text.Json;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Proof;

/// <summary>
/// Content an attacker controls: Markdown nested until a parser gives up (a 400, never a 500),
/// links that leave the blog by a relative address, and names that hide or reorder text.
/// </summary>
public abstract class HostileContentTests(HardenedHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> NestedBodies => new()
    {
        new string('[', 4999),
        new string('>', 2000),
        string.Concat(Enumerable.Repeat("> ", 2000)) + "deep",
        string.Concat(Enumerable.Repeat("1. ", 1600)) + "deep",
        string.Concat(Enumerable.Range(0, 60).Select(i => new string(' ', i * 2) + "- level\n")),
    };

    [Theory]
    [MemberData(nameof(NestedBodies))]
    public async Task Deeply_nested_markdown_is_a_400_and_stores_nothing(string body)
    {
        var postId = TestIds.Post("nest");
        var (status, json) = await host.PostAsync(postId, TestIds.Ip(), body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {json.ToJsonString()}");
        Assert.Equal("body_too_nested", json["code"]!.GetValue<string>());
        var page = await host.Server.Client.GetStringAsync($"api/posts/{postId}/comments", Ct);
        Assert.Equal(0, JsonDocument.Parse(page).RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Nesting_a_person_writes_still_renders()
    {
        var body = "> quoted\n>> twice\n\n- a\n  - b\n    - c **bold _both_**";
        var (status, json) = await host.PostAsync(TestIds.Post("nest"), TestIds.Ip(), body);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Contains("<blockquote>", json["bodyHtml"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](//evil.example/x)", "//evil.example")]
    [InlineData("[x](/wp-login.php)", "/wp-login.php")]
    [InlineData("[x](javascript:alert(1))", "javascript:")]
    public async Task Only_absolute_http_and_mailto_links_keep_their_address(string markdown, string mustNotLink)
    {
        var (status, json) = await host.PostAsync(TestIds.Post("links"), TestIds.Ip(), "See " + markdown + " and [ok](https://ok.example/a).");
        Assert.Equal(HttpStatusCode.Created, status);
        var html = json["bodyHtml"]!.GetValue<string>();
        Assert.DoesNotContain("href=\"" + mustNotLink, html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://ok.example/a\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D")]
    [InlineData("Mallory\u202Egnp.exe\u202C")]
    [InlineData("Admin\u2066 (moderator)\u2069")]
    [InlineData("\u3164")]
    [InlineData("Ann\u00AD")]
    public async Task Names_with_invisible_or_direction_changing_characters_are_refused(string author)
    {
        var postId = TestIds.Post("names");
        var (status, json) = await host.PostAsync(postId, TestIds.Ip(), "A plain comment.", author);
        Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status}: {json.ToJsonString()}");
        Assert.Equal("invalid_author", json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_name_is_stored_in_composed_form()
    {
        var (status, json) = await host.PostAsync(TestIds.Post("names"), TestIds.Ip(), "Accents please.", "Jose\u0301 Cafe\u0301");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("Jos\u00E9 Caf\u00E9", json["author"]!.GetValue<string>());
    }
}

public sealed class HostileContentTestsOnSelfHost(HardenedHost host) : HostileContentTests(host), IClassFixture<HardenedHost>;

public sealed class HostileContentTestsOnFunctions(HardenedHost.OnFunctions host)
    : HostileContentTests(host), IClassFixture<HardenedHost.OnFunctions>;
