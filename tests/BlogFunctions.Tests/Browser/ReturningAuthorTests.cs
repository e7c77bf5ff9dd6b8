using System.Text.Json.Nodes;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// FirstTime mode in the browser (issue #14, fault 4): the widget keeps the authorToken of its
/// reader's comment and sends it with the next one, so once a moderator approved the first, the
/// second is published at once. Another browser typing the same name and address is held.
/// </summary>
public sealed class ReturningAuthorTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string?> FirstTime = new() { ["Comments:Mode"] = "FirstTime" };

    [Fact]
    public async Task After_approval_the_same_browser_is_published_at_once_and_an_impostor_is_held()
    {
        await using var site = await DemoSite.StartAsync(stack, FirstTime);
        await ReturningAuthorAsync(site);
    }

    [Fact]
    public async Task The_same_through_the_Functions_app()
    {
        await using var site = await DemoSite.StartOnFunctionsAsync(stack, FirstTime);
        await ReturningAuthorAsync(site);
    }

    private async Task ReturningAuthorAsync(DemoSite site)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await using var owner = await browser.NewPageAsync();
        var posted = new List<JsonObject>();
        owner.Page.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith("/comments", StringComparison.Ordinal) && r.PostData is { } body)
            {
                posted.Add(JsonNode.Parse(body)!.AsObject());
            }
        };
        var widget = await OpenAsync(owner.Page, site);
        await CommentAsync(owner.Page, "Olga Owner", email, "My first words on this blog.");
        var held = widget.Locator(".bc-pending");
        await Expect(held).ToContainTextAsync("Awaiting moderation");
        Assert.Null(posted[0]["authorToken"]);

        await site.ApproveAsync(DemoSite.Article, (await held.GetAttributeAsync("data-id"))!);
        widget = await OpenAsync(owner.Page, site, reload: true);
        await Expect(widget.Locator(".bc-item", new() { HasText = "My first words" })).ToBeVisibleAsync();

        await CommentAsync(owner.Page, "Olga Owner", email, "Back with a *second* thought.");
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("published");
        var second = widget.Locator(".bc-item", new() { HasText = "second thought" });
        await Expect(second.Locator(".bc-body em")).ToHaveTextAsync("second");
        await Expect(widget.Locator(".bc-pending")).ToHaveCountAsync(0);
        Assert.False(string.IsNullOrEmpty(posted[1]["authorToken"]?.GetValue<string>()));
        Assert.Empty(owner.Errors);

        // Another browser types the same name and address: it has no token, so it waits for a moderator.
        await using var impostor = await browser.NewPageAsync();
        widget = await OpenAsync(impostor.Page, site);
        await CommentAsync(impostor.Page, "Olga Owner", email, "Click https://evil.example now.");
        await Expect(widget.Locator(".bc-pending")).ToContainTextAsync("Awaiting moderation");
        await Expect(widget.GetByRole(AriaRole.Status)).ToContainTextAsync("awaiting moderation");
        Assert.Empty(impostor.Errors);
    }

    private static async Task<ILocator> OpenAsync(IPage page, DemoSite site, bool reload = false)
    {
        if (reload)
        {
            await page.ReloadAsync();
        }
        else
        {
            await page.GotoAsync(site.ArticleUrl().ToString());
        }
        var widget = page.Locator("[data-blog-comments]");
        await widget.ScrollIntoViewIfNeededAsync();
        await Expect(widget.Locator(".bc-list[aria-busy]")).ToHaveCountAsync(0);
        return widget;
    }

    private static async Task CommentAsync(IPage page, string name, string email, string body)
    {
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync(body);
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email (optional, never shown)").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
    }
}
