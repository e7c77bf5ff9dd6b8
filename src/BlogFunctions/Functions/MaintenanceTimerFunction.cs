using BlogFunctions.Core.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class MaintenanceTimerFunction(HourlySweep sweep)
{
    // Maintenance:Schedule (default hourly, "0 30 * * * *"): the safety net for work whose queue message was lost.
    [Function("MaintenanceTimer")]
    public Task Run([TimerTrigger("%Maintenance:Schedule%")] TimerInfo timer, CancellationToken ct) => sweep.RunAsync(ct);
}
