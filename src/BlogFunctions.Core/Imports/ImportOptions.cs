using System.ComponentModel.DataAnnotations;

namespace BlogFunctions.Core.Imports;

/// <summary>Settings of imports (section <see cref="Section"/>).</summary>
internal sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>The largest file an upload takes; a larger one is refused with 413.</summary>
    [Range(1, 2048)]
    public int MaxUploadMegabytes { get; set; } = 200;

    /// <summary>Comments per chunk: one queue message, one chunk file, one progress row each.</summary>
    [Range(1, 5000)]
    public int ChunkSize { get; set; } = 500;

    /// <summary>
    /// Chunks one instance writes at once; the rest of a batch of messages waits its turn. Keeps a
    /// big import from taking every storage call of the instance (and its memory) from the API.
    /// </summary>
    [Range(1, 32)]
    public int ChunksInParallel { get; set; } = 4;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
