using BlogFunctions.Core.Hosting;
using BlogFunctions.Core.Security;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: triggers take HttpRequest and return Core's IResult unchanged.
builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// The Application Insights SDK adds a filter that keeps only Warning and above from the worker;
// drop it so host.json's log levels decide, as they do for the host's own logs.
builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
{
    var aiDefault = options.Rules.FirstOrDefault(r =>
        r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
    if (aiDefault is not null)
    {
        options.Rules.Remove(aiDefault);
    }
});

// X-MS-CLIENT-PRINCIPAL is the platform's only while App Service Authentication is on.
builder.Services.AddSingleton(PlatformAuthentication.FromAppService(builder.Configuration));
builder.Services.AddBlogCore();

builder.Build().Run();
