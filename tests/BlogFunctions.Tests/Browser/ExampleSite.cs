using System.ComponentModel;
using System.Diagnostics;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// One of the example blogs under examples/ (Hugo or Eleventy), built for real by its generator
/// into a temporary folder (never into the checkout) and served as plain static files by a small
/// Kestrel on its own origin. The server starts first, on a port of its own choosing, because the
/// site's base URL is baked into the build (feed links); the build then fills the served folder.
/// </summary>
public sealed class ExampleSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PhysicalFileProvider _files;
    private readonly string _work;

    private ExampleSite(WebApplication app, PhysicalFileProvider files, string work, Uri origin)
    {
        _app = app;
        _files = files;
        _work = work;
        Origin = origin;
    }

    /// <summary>The site's root, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Origin { get; }

    /// <summary>Where the generator writes and the server reads.</summary>
    public string Output => Path.Combine(_work, "site");

    /// <summary>Starts an empty static server; <see cref="BuildAsync"/> fills it.</summary>
    public static async Task<ExampleSite> StartAsync()
    {
        var work = Path.Combine(Path.GetTempPath(), "blogfunctions-example-" + Guid.NewGuid().ToString("N")[..12]);
        var output = Path.Combine(work, "site");
        Directory.CreateDirectory(output);
        var files = new PhysicalFileProvider(output);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = work });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        // "/posts/x/" → "/posts/x/index.html", as any static host does.
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        await app.StartAsync();
        return new ExampleSite(app, files, work, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    /// <summary>
    /// Builds examples/<paramref name="generator"/> with the API root and post-id prefix the README
    /// tells a blog author to set: Hugo's --baseURL and HUGO_PARAMS_*, Eleventy's environment.
    /// </summary>
    public async Task BuildAsync(string generator, Uri api, string postIdPrefix, CancellationToken ct)
    {
        var apiRoot = api.GetLeftPart(UriPartial.Authority);
        var siteRoot = Origin.GetLeftPart(UriPartial.Authority);
        ProcessStartInfo start;
        switch (generator)
        {
            case "hugo":
                start = new ProcessStartInfo("hugo",
                [
                    "--source", RepoPaths.Combine("examples", "hugo"), "--destination", Output,
                    "--baseURL", siteRoot + "/", "--cacheDir", Path.Combine(_work, "hugo-cache"),
                    "--noBuildLock", "--quiet",
                ]);
                start.Environment["HUGO_PARAMS_BLOGFUNCTIONSAPI"] = apiRoot;
                start.Environment["HUGO_PARAMS_BLOGFUNCTIONSPOSTPREFIX"] = postIdPrefix;
                break;
            case "eleventy":
                var eleventy = RepoPaths.Combine("node_modules", ".bin", "eleventy");
                if (!File.Exists(eleventy))
                {
                    throw new InvalidOperationException($"{eleventy} is missing: npm ci (scripts/setup.sh does).");
                }
                start = new ProcessStartInfo(eleventy, ["--input=.", "--output=" + Output, "--quiet"])
                {
                    WorkingDirectory = RepoPaths.Combine("examples", "eleventy"),
                };
                start.Environment["SITE_URL"] = siteRoot;
                start.Environment["BLOGFUNCTIONS_API"] = apiRoot;
                start.Environment["BLOGFUNCTIONS_POST_PREFIX"] = postIdPrefix;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(generator), generator, "hugo or eleventy");
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{start.FileName} is missing: apt-get install hugo (scripts/setup.sh does).", e);
        }
        using (process)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(60));
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            Assert.True(process.ExitCode == 0,
                $"{generator} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _files.Dispose();
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
