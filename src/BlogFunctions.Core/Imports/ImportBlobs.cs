using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// The files of an import in blob container <see cref="Container"/>: <c>{id}/source</c> (the upload),
/// <c>{id}/map.json</c> (URL → post id, when given) and <c>{id}/chunk-NNNNN.jsonl</c> (the planned
/// chunks). Kept after the import, so a chunk can be retried and a moderator can see what was sent.
/// </summary>
internal sealed class ImportBlobs(Lazy<BlobServiceClient> service)
{
    public const string Container = "comment-imports";

    private BlobContainerClient Files => service.Value.GetBlobContainerClient(Container);

    public async Task UploadSourceAsync(string importId, Stream content, CancellationToken cancellationToken)
    {
        await Files.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Files.GetBlobClient(importId + "/source").UploadAsync(content, new BlobUploadOptions
        {
            TransferOptions = new Azure.Storage.StorageTransferOptions { MaximumConcurrency = 1, MaximumTransferSize = 4 * 1024 * 1024 },
        }, cancellationToken);
    }

    public async Task DownloadSourceAsync(string importId, string path, CancellationToken cancellationToken) =>
        await Files.GetBlobClient(importId + "/source").DownloadToAsync(path, cancellationToken);

    public async Task DeleteSourceAsync(string importId, CancellationToken cancellationToken) =>
        await Files.GetBlobClient(importId + "/source").DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task WriteMapAsync(string importId, Dictionary<string, string> map, CancellationToken cancellationToken)
    {
        await Files.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Files.GetBlobClient(importId + "/map.json").UploadAsync(
            BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(map, ImportJson.Default.DictionaryStringString)), overwrite: true, cancellationToken);
    }

    public async Task<Dictionary<string, string>?> ReadMapAsync(string importId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Files.GetBlobClient(importId + "/map.json").DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson(ImportJson.Default.DictionaryStringString);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteChunkAsync(string importId, int chunk, IReadOnlyList<ImportItem> items, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        foreach (var item in items)
        {
            JsonSerializer.Serialize(buffer, item, ImportJson.Default.ImportItem);
            buffer.WriteByte((byte)'\n');
        }
        buffer.Position = 0;
        await Files.GetBlobClient(ChunkName(importId, chunk)).UploadAsync(buffer, overwrite: true, cancellationToken);
    }

    public async Task<List<ImportItem>> ReadChunkAsync(string importId, int chunk, CancellationToken cancellationToken)
    {
        var content = await Files.GetBlobClient(ChunkName(importId, chunk)).DownloadContentAsync(cancellationToken);
        using var reader = new StringReader(content.Value.Content.ToString());
        var items = new List<ImportItem>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            items.Add(JsonSerializer.Deserialize(line, ImportJson.Default.ImportItem)!);
        }
        return items;
    }

    private static string ChunkName(string importId, int chunk) =>
        $"{importId}/chunk-{chunk.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}.jsonl";
}
