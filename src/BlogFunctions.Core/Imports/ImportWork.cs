using System.Text.Json;
using BlogFunctions.Core.Queues;

namespace BlogFunctions.Core.Imports;

/// <summary>The messages of <see cref="WorkQueues.Imports"/>: a plan step per upload, a write step per chunk.</summary>
internal sealed class ImportWork(ImportRunner runner) : IQueueWork
{
    public string Queue => WorkQueues.Imports;

    public Task HandleAsync(string message, CancellationToken cancellationToken)
    {
        var work = JsonSerializer.Deserialize(message, ImportJson.Default.ImportMessage);
        return work switch
        {
            { Step: ImportMessage.Plan } => runner.PlanAsync(work.ImportId, cancellationToken),
            { Step: ImportMessage.Write } => runner.WriteChunkAsync(work.ImportId, work.Chunk, cancellationToken),
            _ => throw new FormatException("Not an import message: " + message),
        };
    }
}
