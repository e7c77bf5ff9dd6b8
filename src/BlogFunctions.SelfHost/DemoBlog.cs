using BlogFunctions.Core;
using BlogFunctions.Core.Hosting;
using BlogFunctions.SelfHost.Demo;

namespace BlogFunctions.SelfHost;

/// <summary>Development only: serves the demo blog on a second origin so CORS is exercised for real.</summary>
internal static class DemoBlog
{
    public static IServiceCollection AddDemoBlog(this IServiceCollection services)
    {
        // Whether it runs is decided at start (Demo:Enabled, else Development): tests add settings after this call.
        services.AddBlogOptions<DemoBlogOptions>(DemoBlogOptions.Section);
        services.AddSingleton<DemoBlogHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoBlogHost>());
        return services;
    }
}
