// Bare Kestrel: serves the bytes of BODY_FILE on GET /bare at PORT until killed. With a storage
// connection string it first lists the tables, as the SelfHost's start-up does: the Azure SDK's
// first request is the part of a cold start that any app on Table Storage pays.
using Azure.Data.Tables;

if (args is not [var bodyFile, var port, ..])
{
    Console.Error.WriteLine("usage: BareKestrel BODY_FILE PORT [STORAGE_CONNECTION_STRING]");
    return 2;
}
var body = await File.ReadAllBytesAsync(bodyFile);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
var app = builder.Build();
app.MapGet("/bare", async context =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
if (args is [_, _, var storage])
{
    await foreach (var _ in new TableServiceClient(storage).QueryAsync())
    {
    }
}
await app.RunAsync();
return 0;
