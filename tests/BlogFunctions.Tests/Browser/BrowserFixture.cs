using Microsoft.Playwright;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// One Debian Chromium per test class (launching is the expensive part); each test gets its own
/// context, so storage and cookies never leak between tests. Never a downloaded browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Infrastructure.RepoPaths.Combine("TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (./test.sh does).");
        }
        // The machine is shared and often busy: generous waits, which only cost time when something is wrong.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh browser context and page that record dialogs and script errors.</summary>
    public async Task<WatchedPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ColorScheme = scheme,
            JavaScriptEnabled = javaScript,
            ViewportSize = new ViewportSize { Width = 1000, Height = 1400 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        // Injected by the browser itself, so a page's Content-Security-Policy does not stop it.
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));");
        return new WatchedPage(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>A page plus what it did that a test must see: dialogs opened (dismissed at once) and uncaught errors.</summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public WatchedPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Dialog += (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add(dialog.Type + ": " + dialog.Message);
            }
            _ = dialog.DismissAsync();
        };
        page.PageError += (_, error) =>
        {
            lock (Errors)
            {
                Errors.Add(error);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (ConsoleErrors)
                {
                    ConsoleErrors.Add(message.Text);
                }
            }
        };
    }

    /// <summary>Console errors of every page load so far ("Refused to apply inline style…" and the like).</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>securitypolicyviolation events of the current document of <paramref name="page"/>.</summary>
    public static async Task<string[]> CspViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__csp || []");

    public IPage Page { get; }

    public List<string> Dialogs { get; } = [];

    public List<string> Errors { get; } = [];

    public Task<IPage> NewTabAsync() => _context.NewPageAsync();

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"),
            FullPage = true,
        });
    }

    /// <summary>Just one element, e.g. the widget, at full resolution.</summary>
    public static async Task ScreenshotAsync(string name, ILocator element)
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotDirectory);
        await element.ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotDirectory, name + ".png"),
        });
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
