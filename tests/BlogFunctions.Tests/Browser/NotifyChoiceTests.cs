using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// Reader notifications in the widget (issue #16): the "Notify me about" choice, its confirmation
/// note, the email it needs, the notify field it sends, and the one-time "now live" note.
/// What the server does with notify is not tested here: only what the browser sends.
/// </summary>
public sealed partial class NotifyChoiceTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Note = "If this address is new to us, we will first email you a link to confirm it.";

    [Fact]
    public async Task Choice_is_labelled_follows_the_contact_fields_in_tab_order_and_shows_the_note_while_chosen()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        // Dark, so the select is seen to follow the theme like the inputs beside it.
        await using var reader = await browser.NewPageAsync(ColorScheme.Dark);
        var page = reader.Page;
        var widget = await OpenAsync(page, site);

        var choice = widget.GetByRole(AriaRole.Combobox, new() { Name = "Notify me about", Exact = true });
        var note = widget.Locator(".bc-f-notify .bc-hint");
        await Expect(choice).ToHaveValueAsync("none");
        await Expect(note).ToBeHiddenAsync();
        await Expect(choice).ToHaveAccessibleDescriptionAsync("");

        // Email, website, then the choice: no tabindex tricks, the document order.
        await page.GetByLabel("Email (optional, never shown)").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Website (optional)")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(choice).ToBeFocusedAsync();

        // Arrow keys change a closed select's value in Chromium, as a reader would use it.
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(choice).ToHaveValueAsync("replies");
        await Expect(note).ToBeVisibleAsync();
        await Expect(note).ToHaveTextAsync(Note);
        await Expect(choice).ToHaveAccessibleDescriptionAsync(Note);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(choice).ToHaveValueAsync("post");
        await Expect(note).ToBeVisibleAsync();
        Assert.Equal(["Nothing", "Replies to my comment", "All new comments on this post"],
            await choice.Locator("option").AllTextContentsAsync());

        var colours = await page.EvaluateAsync<string[]>("""
            () => ['.bc-f-email input', '.bc-f-notify select'].flatMap(s => {
              const style = getComputedStyle(document.querySelector(s));
              return [style.backgroundColor, style.color];
            })
            """);
        Assert.Equal(colours[0], colours[2]);
        Assert.Equal(colours[1], colours[3]);
        await WatchedPage.ScreenshotAsync("widget-notify-choice-dark", widget.Locator(".bc-form"));

        await page.Keyboard.PressAsync("Home");
        await Expect(choice).ToHaveValueAsync("none");
        await Expect(note).ToBeHiddenAsync();
        await Expect(choice).ToHaveAccessibleDescriptionAsync("");
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public async Task Notifications_without_an_email_are_refused_before_sending_and_with_one_the_post_carries_notify()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        var posted = RecordPosts(page);
        var widget = await OpenAsync(page, site);
        var email = page.GetByLabel("Email (optional, never shown)");
        await email.FillAsync("");
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Tell me when someone answers.");
        await page.GetByLabel("Name").FillAsync("Nadia Notify");
        await widget.GetByLabel("Notify me about").SelectOptionAsync("replies");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();

        // The server's rule (notify_requires_email, field email), answered in the browser.
        await Expect(widget.Locator(".bc-f-email .bc-err")).ToHaveTextAsync("Please enter your email address to be notified.");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToBeFocusedAsync();
        Assert.Empty(posted);

        await email.FillAsync($"nadia-{Guid.NewGuid():N}@example.com");
        await widget.GetByLabel("Notify me about").SelectOptionAsync("post");
        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync(), IsCommentPost);
        Assert.Equal("post", (string?)JsonNode.Parse(request.PostData!)!["notify"]);
        await Expect(widget.Locator(".bc-f-email .bc-err")).ToBeHiddenAsync();
        await Expect(email).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(widget.Locator(".bc-status")).Not.ToHaveTextAsync("Posting…");
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public async Task A_held_comment_approved_since_the_last_visit_is_announced_once()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "All" });
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        var posted = RecordPosts(page);
        var widget = await OpenAsync(page, site);
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Held first, live later.");
        await page.GetByLabel("Name").FillAsync("Lena Live");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        var held = widget.Locator(".bc-pending");
        await Expect(held).ToContainTextAsync("Awaiting moderation");
        // "Nothing" chosen: no notify field at all (the server's default).
        Assert.False(Assert.Single(posted).ContainsKey("notify"));
        var id = (await held.GetAttributeAsync("data-id"))!;

        // Still held: nothing to announce.
        widget = await OpenAsync(page, site, reload: true);
        await Expect(widget.Locator(".bc-pending")).ToHaveCountAsync(1);
        await Expect(widget.Locator(".bc-note")).ToHaveCountAsync(0);

        await site.ApproveAsync(DemoSite.Article, id);
        widget = await OpenAsync(page, site, reload: true);
        var status = widget.Locator(".bc-note").GetByRole(AriaRole.Status);
        await Expect(status).ToHaveTextAsync("Your comment is now live.");
        await Expect(status.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "#comment-" + id);
        await Expect(widget.Locator($"#comment-{id}")).ToContainTextAsync("Held first, live later.");
        await Expect(widget.Locator(".bc-pending")).ToHaveCountAsync(0);
        await WatchedPage.ScreenshotAsync("widget-now-live", widget);
        await widget.GetByRole(AriaRole.Button, new() { Name = "Dismiss" }).ClickAsync();
        await Expect(widget.Locator(".bc-note")).ToHaveCountAsync(0);

        // Once: the next visit shows the comment and no note.
        widget = await OpenAsync(page, site, reload: true);
        await Expect(widget.Locator($"#comment-{id}")).ToBeVisibleAsync();
        await Expect(widget.Locator(".bc-note")).ToHaveCountAsync(0);
        Assert.Empty(reader.Errors);
    }

    private static bool IsCommentPost(IRequest r) => r.Method == "POST" && CommentsUrl().IsMatch(r.Url);

    /// <summary>The JSON bodies of the comment POSTs the page sends, as the browser sent them.</summary>
    private static List<JsonObject> RecordPosts(IPage page)
    {
        var posted = new List<JsonObject>();
        page.Request += (_, r) =>
        {
            if (IsCommentPost(r) && r.PostData is { } body)
            {
                lock (posted)
                {
                    posted.Add(JsonNode.Parse(body)!.AsObject());
                }
            }
        };
        return posted;
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
        await Expect(widget.Locator(".bc-form")).ToBeVisibleAsync();
        await Expect(widget.Locator(".bc-list[aria-busy]")).ToHaveCountAsync(0);
        return widget;
    }

    [GeneratedRegex(@"/api/posts/[^/?]+/comments$")]
    private static partial Regex CommentsUrl();
}
