using BlogFunctions.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlogFunctions.Tests.Browser;

/// <summary>Drives the moderation page like a moderator: sign in, switch views.</summary>
internal static class ModerationPage
{
    public static async Task SignInAsync(IPage page, DemoSite site) => await SignInAsync(page, site.ModerationPage);

    public static async Task SignInAsync(IPage page, Uri moderationPage)
    {
        await page.GotoAsync(moderationPage.ToString());
        await page.GetByLabel("Moderator key").FillAsync(BlogServer.ModeratorKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#tabs")).ToBeVisibleAsync();
    }
}
