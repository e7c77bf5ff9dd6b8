using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>The comment form's name, email and website row, measured in Chromium rather than looked at.</summary>
public sealed class WidgetFormTests(BlogFixture stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Wide enough for three columns (3 × 12rem and two gaps inside the demo's padding), narrow
    // enough that "Email (optional, never shown)" takes two lines.
    private const int NarrowThreeColumns = 660;

    [Fact]
    public async Task Name_is_marked_required_before_submitting()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        await page.GotoAsync(site.ArticleUrl().ToString());
        // Its accessible name stays "Name": screen readers hear "required" from the input itself.
        var name = page.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true });
        await Expect(name).ToHaveAttributeAsync("required", "");
        await Expect(name).ToHaveAttributeAsync("aria-required", "true");
        // Seen by everyone, hidden from screen readers so the words are not read twice.
        var mark = page.Locator(".bc-f-author label .bc-req");
        await Expect(mark).ToBeVisibleAsync();
        await Expect(mark).ToHaveTextAsync("(required)");
        await Expect(mark).ToHaveAttributeAsync("aria-hidden", "true");
        await Expect(page.Locator(".bc-f-email .bc-req")).ToHaveCountAsync(0);

        // The client-side check still answers inline, before anything is sent.
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("A comment without a name.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator(".bc-f-author .bc-err")).ToHaveTextAsync("Please fill in this field.");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(name).ToBeFocusedAsync();
        Assert.Empty(reader.Errors);
    }

    [Fact]
    public async Task The_three_inputs_stay_level_when_the_email_label_wraps_and_when_a_field_shows_an_error()
    {
        await using var site = await DemoSite.StartAsync(stack, new Dictionary<string, string?> { ["Comments:Mode"] = "None" });
        await using var reader = await browser.NewPageAsync();
        var page = reader.Page;
        await page.SetViewportSizeAsync(NarrowThreeColumns, 900);
        await page.GotoAsync(site.ArticleUrl().ToString());
        await page.Locator(".bc-form").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".bc-f-website input")).ToBeVisibleAsync();

        var before = await MeasureAsync(page);
        // The case in question: the email label wraps while the other two do not.
        Assert.True(before.Label[1] > 1.6 * before.Label[0], $"email label {before.Label[1]} px vs name label {before.Label[0]} px: not wrapped");
        Assert.Equal(before.Label[0], before.Label[2], 0.5);
        // One row: the three inputs side by side.
        Assert.True(before.Left[0] < before.Left[1] && before.Left[1] < before.Left[2], string.Join(", ", before.Left));
        AssertLevel(before.Top);

        // An error under one field only must not lift that field's input out of the row.
        await page.GetByLabel("Comment", new() { Exact = true }).FillAsync("Level inputs, please.");
        await page.GetByLabel("Website (optional)").FillAsync("not a web address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post comment" }).ClickAsync();
        await Expect(page.Locator(".bc-f-author .bc-err")).ToHaveTextAsync("Please fill in this field.");
        await Expect(page.Locator(".bc-f-website .bc-err")).ToContainTextAsync("http://");
        await Expect(page.Locator(".bc-f-email .bc-err")).ToBeHiddenAsync();
        var after = await MeasureAsync(page);
        AssertLevel(after.Top);
        Assert.Equal(before.Top[0], after.Top[0], 0.5);
        await WatchedPage.ScreenshotAsync("widget-form-narrow", page.Locator(".bc-form"));
        Assert.Empty(reader.Errors);
    }

    private static void AssertLevel(double[] tops)
    {
        Assert.Equal(tops[0], tops[1], 0.5);
        Assert.Equal(tops[0], tops[2], 0.5);
    }

    private sealed record Row(double[] Label, double[] Top, double[] Left);

    /// <summary>Label heights and input top and left edges of name, email and website, in that order.</summary>
    private static async Task<Row> MeasureAsync(IPage page)
    {
        var m = await page.EvaluateAsync<double[][]>("""
            () => ['author', 'email', 'website'].map(n => {
              const f = document.querySelector('.bc-form .bc-f-' + n);
              const i = f.querySelector('input').getBoundingClientRect();
              return [f.querySelector('label').getBoundingClientRect().height, i.top, i.left];
            })
            """);
        return new Row([.. m.Select(x => x[0])], [.. m.Select(x => x[1])], [.. m.Select(x => x[2])]);
    }
}
