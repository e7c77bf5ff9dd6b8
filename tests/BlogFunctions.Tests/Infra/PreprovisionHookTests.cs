using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;

namespace BlogFunctions.Tests.Infra;

/// <summary>
/// The azd pre-provision hook stops a deployment that would not start: outside Development the app
/// refuses to run without a SendGrid key, so provisioning one without it must fail first, with the fix.
/// </summary>
public sealed class PreprovisionHookTests
{
    [Theory]
    [InlineData("", 1)]
    [InlineData("SG.test-key", 0)]
    public async Task Sendgrid_key_is_required_before_provisioning(string sendGridKey, int expectedExit)
    {
        var start = new ProcessStartInfo("sh", [RepoPaths.Combine("infra", "hooks", "preprovision.sh")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // CI=true: the hook never calls azd to generate keys, so it runs here without azd installed.
        start.Environment["CI"] = "true";
        start.Environment["BLOG_SIGNING_KEY"] = "signing";
        start.Environment["BLOG_MODERATOR_KEYS"] = "mod-key";
        start.Environment["BLOG_CORS_ALLOWED_ORIGINS"] = "https://blog.example";
        start.Environment["SENDGRID_API_KEY"] = sendGridKey;
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(expectedExit, process.ExitCode);
        if (expectedExit != 0)
        {
            Assert.Contains("azd env set SENDGRID_API_KEY", stderr, StringComparison.Ordinal);
        }
    }
}
