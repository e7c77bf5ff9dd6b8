using BlogFunctions.Core.Http;
using BlogFunctions.Core.Imports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace BlogFunctions.Functions;

internal sealed class ImportFunctions(ApiPipeline api)
{
    [Function("StartImport")]
    public Task<IResult> StartImport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ImportsApi.ImportsTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ImportsApi.StartImport, req, ct);

    [Function("GetImport")]
    public Task<IResult> GetImport([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImportsApi.ImportTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ImportsApi.GetImport, req, ct);

    [Function("ExportComments")]
    public Task<IResult> ExportComments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ImportsApi.ExportTemplate)] HttpRequest req, CancellationToken ct) => api.RunAsync(ImportsApi.ExportComments, req, ct);
}
