using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// As src/BlogFunctions/Program.cs starts, without BlogFunctions.Core.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();
builder.Build().Run();

namespace BareFunctions
{
    /// <summary>The one function: GET /api/health answered with a constant.</summary>
    public static class Health
    {
        [Function("health")]
        public static IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
            Results.Text("""{"status":"ok"}""", "application/json");
    }
}
