using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BlogFunctions.SelfHost;

/// <summary>
/// The Kestrel host: the same Core routes as the Functions app, under /api. Tests build it
/// in-process on a free port through <see cref="Build"/>, so they exercise real HTTP.
/// </summary>
public static class SelfHostApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Core enforces each route's own limit (16 KB for comments); this is the outer bound.
            k.Limits.MaxRequestBodySize = 2 * 1024 * 1024;
        });
        builder.Services.AddBlogCore();
        // What only the SelfHost has: timers and queue pollers (the Functions app has triggers) and the demo blog.
        builder.Services.AddSelfHostTimers().AddSelfHostQueuePollers().AddDemoBlog();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (app.Services.GetRequiredService<IOptions<ClientIpOptions>>().Value.TrustForwardedFor)
        {
            // One proxy hop: the entry it appended is the client; the ones before are the client's own words.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }
        app.MapBlogApi();
        app.MapDevOutbox();
        return app;
    }

    /// <summary>Maps every <see cref="ApiRoutes.All"/> entry and the CORS preflight under /api.</summary>
    public static IEndpointRouteBuilder MapBlogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/" + Routes.Prefix);
        foreach (var route in ApiRoutes.All)
        {
            api.MapMethods(route.Template, [route.Method], async context =>
                    await (await context.RequestServices.GetRequiredService<ApiPipeline>().RunAsync(route, context.Request, context.RequestAborted))
                        .ExecuteAsync(context))
                .WithName(route.Name);
        }
        api.MapMethods(Routes.Preflight, [HttpMethods.Options], context => PlatformApi.Preflight(context.Request).ExecuteAsync(context))
            .WithName("Preflight");
        api.MapFallback(async context =>
            await (await context.RequestServices.GetRequiredService<ApiPipeline>().RunAsync(PlatformApi.NotFound, context.Request, context.RequestAborted))
                .ExecuteAsync(context));
        return app;
    }
}
