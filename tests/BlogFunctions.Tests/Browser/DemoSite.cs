using System.Net.Http.Json;
using System.Text.Json;
using BlogFunctions.SelfHost.Demo;
using BlogFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlogFunctions.Tests.Browser;

/// <summary>
/// A real SelfHost with its demo blog on a second origin (localhost vs 127.0.0.1, other port),
/// so every widget call is a real cross-origin request. A fresh post-id prefix per site keeps
/// tests apart in the shared Azurite.
/// </summary>
public sealed class DemoSite : IAsyncDisposable
{
    public const string Article = "tight-glutes-back-pain";

    private readonly BlogServer? _pages;

    private DemoSite(IBlogHost api, Uri blog, string prefix, BlogServer? pages = null)
    {
        Api = api;
        _pages = pages;
        Blog = blog;
        Prefix = prefix;
    }

    /// <summary>The API the pages call: the SelfHost serving them, or the Functions app.</summary>
    public IBlogHost Api { get; }

    public Uri Blog { get; }

    public string Prefix { get; }

    public Uri ModerationPage => new(Api.BaseAddress, "api/moderation/ui");

    public string PostId(string slug = Article) => Prefix + slug;

    public Uri ArticleUrl(string slug = Article) => new(Blog, "posts/" + slug);

    public static Task<DemoSite> StartAsync(BlogFixture stack, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(stack.StorageConnectionString, settings);

    /// <summary>
    /// The demo pages served by a SelfHost, their widget calling the Functions app under the host
    /// stand-in: a cross-origin page through Flex's platform CORS, as on Azure.
    /// </summary>
    public static async Task<DemoSite> StartOnFunctionsAsync(BlogFixture stack, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var origin = $"http://localhost:{FreePort.Next()}";
        var prefix = "f" + Guid.NewGuid().ToString("N")[..10] + "-";
        var merged = new Dictionary<string, string?>
        {
            ["Cors:AllowedOrigins:0"] = origin,
            ["Web:PostUrlTemplate"] = origin + "/posts/{postId}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var api = await FunctionsHost.FunctionsServer.StartAsync(stack.StorageConnectionString, merged);
        merged["Demo:Enabled"] = "true";
        merged["Demo:Url"] = origin;
        merged["Demo:PostIdPrefix"] = prefix;
        merged["Demo:ApiUrl"] = api.BaseAddress.ToString().TrimEnd('/');
        var pages = await BlogServer.StartAsync(stack.StorageConnectionString, merged);
        var blog = await pages.Services.GetRequiredService<DemoBlogHost>().Started.WaitAsync(TimeSpan.FromSeconds(30));
        return new DemoSite(api, blog, prefix, pages);
    }

    /// <summary>On storage of its own, for tests that need whole tables to themselves (subscribers, newsletter).</summary>
    public static async Task<DemoSite> StartAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortAsync(storageConnectionString, settings);
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
                // The free port was taken (by another test's connection) between asking and binding: ask again.
            }
        }
    }

    private static async Task<DemoSite> StartOnFreePortAsync(string storageConnectionString, IReadOnlyDictionary<string, string?>? settings)
    {
        var origin = $"http://localhost:{FreePort.Next()}";
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10] + "-";
        var merged = new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Url"] = origin,
            ["Demo:PostIdPrefix"] = prefix,
            ["Cors:AllowedOrigins:0"] = origin,
            ["Web:PostUrlTemplate"] = origin + "/posts/{postId}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }
        var api = await BlogServer.StartAsync(storageConnectionString, merged);
        try
        {
            var blog = await api.Services.GetRequiredService<DemoBlogHost>().Started.WaitAsync(TimeSpan.FromSeconds(30));
            return new DemoSite(api, blog, prefix);
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    /// <summary>Posts through the API as a page would (token from GET first); returns the new id.</summary>
    public async Task<string> PostCommentAsync(string slug, string author, string body, string? parentId = null,
        string? website = null, string? email = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var postId = PostId(slug);
        var page = await Api.Client.GetFromJsonAsync<JsonElement>($"api/posts/{postId}/comments", ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/posts/{postId}/comments")
        {
            Content = JsonContent.Create(new
            {
                author, body, parentId, website, email,
                formToken = page.GetProperty("formToken").GetString(),
            }),
        };
        request.Headers.Add("X-Forwarded-For", TestIds.Ip());
        var response = await Api.Client.SendAsync(request, ct);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {json}");
        return json.GetProperty("id").GetString()!;
    }

    public async Task ApproveAsync(string slug, string id)
    {
        var response = await Api.Moderator.PostAsync(new Uri($"api/moderation/comments/{PostId(slug)}/{id}/approve", UriKind.Relative),
            null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (_pages is not null)
        {
            await _pages.DisposeAsync();
        }
        await Api.DisposeAsync();
    }
}
