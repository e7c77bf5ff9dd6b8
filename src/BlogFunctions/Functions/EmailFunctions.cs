using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class EmailFunctions(ApiPipeline api)
{
    [Function("ModerationDeliveries")]
    public Task<IResult> Deliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = EmailApi.DeliveriesTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(EmailApi.ModerationDeliveries, req, ct);
}
