using BlogFunctions.Core.Email;
using BlogFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

public sealed class EmailFunctions(DeliveryEndpoints deliveries)
{
    [Function("ModerationDeliveries")]
    public Task<IResult> Deliveries([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ModerationDeliveries)] HttpRequest req, CancellationToken ct) => deliveries.ListAsync(req, ct);
}
