using System.Text.Json;
using BlogFunctions.Core.Queues;
using Microsoft.Extensions.Options;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// The messages of <see cref="WorkQueues.Imports"/>: a plan step per upload, a write step per chunk.
/// At most <see cref="ImportOptions.ChunksInParallel"/> chunks run at once on an instance, however
/// many messages the trigger hands over together.
/// </summary>
internal sealed class ImportWork(ImportRunner runner, IOptions<ImportOptions> options) : IQueueWork, IDisposable
{
    private readonly SemaphoreSlim _chunks = new(options.Value.ChunksInParallel);

    public string Queue => WorkQueues.Imports;

    public async Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var work = JsonSerializer.Deserialize(message, ImportJson.Default.ImportMessage);
        switch (work)
        {
            case { Step: ImportMessage.Plan }:
                await runner.PlanAsync(work.ImportId, cancellationToken);
                break;
            case { Step: ImportMessage.Write }:
                await _chunks.WaitAsync(cancellationToken);
                try
                {
                    await runner.WriteChunkAsync(work.ImportId, work.Chunk, cancellationToken);
                }
                finally
                {
                    _chunks.Release();
                }
                break;
            default:
                throw new FormatException("Not an import message: " + message);
        }
    }

    public void Dispose() => _chunks.Dispose();
}
