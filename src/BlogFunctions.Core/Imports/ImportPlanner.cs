using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using BlogFunctions.Core.Comments;

namespace BlogFunctions.Core.Imports;

/// <summary>What planning found: comments read, chunks written, and what it left out already.</summary>
internal sealed record ImportPlan(int Read, int Chunks, int Skipped, int Failed, IReadOnlyList<ImportReason> Reasons);

/// <summary>
/// Reads a source file twice and writes it as chunks of resolved comments. Nothing is stored as a
/// comment here: a malformed file fails in the first pass, before any chunk exists.
/// <list type="number">
/// <item>Pass 1 keeps, per source id (as a 64-bit hash, so memory grows by a few dozen bytes per
/// comment and never with the file's size), its time, its parent and whether it was deleted.
/// Parents are therefore found in any order. A comment without a readable date takes the date of
/// the nearest dated comment before it in the file (2000-01-01 UTC when there is none).</item>
/// <item>Deleted comments are skipped, except those with an approved or held reply somewhere below them: those
/// are kept as placeholders (status deleted, text and personal fields empty) so the replies keep
/// their thread, as a moderator's delete does.</item>
/// <item>Pass 2 turns each comment into an <see cref="ImportItem"/>: post id, the deterministic id
/// (<see cref="CommentIds.ForImport"/>, of the time and the source id), its parent's id, status,
/// body as Markdown.</item>
/// </list>
/// </summary>
internal sealed partial class ImportPlanner(string format, PostIds postIds, int chunkSize)
{
    public const int MaxReasons = 200;
    private static readonly DateTimeOffset NoDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<ulong, Entry> _entries = [];
    private readonly List<ImportReason> _reasons = [];
    private int _skipped;
    private int _failed;

    public async Task<ImportPlan> PlanAsync(ISourceReader reader, Func<int, IReadOnlyList<ImportItem>, Task> writeChunk,
        CancellationToken cancellationToken)
    {
        var read = await ScanAsync(reader, cancellationToken);
        KeepPlaceholders();
        var emitted = new HashSet<ulong>();
        var chunk = new List<ImportItem>(chunkSize);
        var chunks = 0;
        await foreach (var c in reader.ReadAsync(cancellationToken))
        {
            if (!emitted.Add(Hash(c.SourceId)))
            {
                Skip(c.SourceId, "duplicate_in_file");
            }
            else if (Resolve(c) is { } item)
            {
                chunk.Add(item);
                if (chunk.Count == chunkSize)
                {
                    await writeChunk(chunks++, chunk);
                    chunk = new List<ImportItem>(chunkSize);
                }
            }
        }
        if (chunk.Count > 0)
        {
            await writeChunk(chunks++, chunk);
        }
        return new ImportPlan(read, chunks, _skipped, _failed, _reasons);
    }

    private async Task<int> ScanAsync(ISourceReader reader, CancellationToken cancellationToken)
    {
        var read = 0;
        DateTimeOffset? lastDated = null;
        await foreach (var c in reader.ReadAsync(cancellationToken))
        {
            read++;
            var key = Hash(c.SourceId);
            if (_entries.ContainsKey(key))
            {
                continue;
            }
            var at = c.CreatedAt ?? lastDated ?? NoDate;
            lastDated = c.CreatedAt ?? lastDated;
            var flags = (c.State == SourceState.Deleted ? Flags.Deleted : 0) | (c.State == SourceState.Ignored ? Flags.Ignored : 0)
                | (c.CreatedAt is null ? Flags.Undated : 0) | (c.State is SourceState.Approved or SourceState.Pending ? Flags.Live : 0);
            _entries[key] = new Entry(at.UtcTicks, c.ParentSourceId is { } p ? Hash(p) : 0, c.ParentSourceId is not null, flags);
        }
        return read;
    }

    /// <summary>Marks every deleted ancestor of a live (approved or held) comment as kept, as a moderator's delete would.</summary>
    private void KeepPlaceholders()
    {
        foreach (var entry in _entries.Values.Where(e => (e.Flags & Flags.Live) != 0 && e.HasParent).ToList())
        {
            var parent = entry.Parent;
            while (_entries.TryGetValue(parent, out var up) && (up.Flags & Flags.Deleted) != 0 && (up.Flags & Flags.Kept) == 0)
            {
                _entries[parent] = up with { Flags = up.Flags | Flags.Kept };
                if (!up.HasParent)
                {
                    break;
                }
                parent = up.Parent;
            }
        }
    }

    private ImportItem? Skip(string sourceId, string reason)
    {
        _skipped++;
        Note(sourceId, reason);
        return null;
    }

    private void Note(string sourceId, string reason)
    {
        if (_reasons.Count < MaxReasons)
        {
            _reasons.Add(new ImportReason(sourceId, reason));
        }
    }

    private static ulong Hash(string sourceId) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)));

    [Flags]
    private enum Flags : byte
    {
        Deleted = 1,
        Ignored = 2,
        Undated = 4,
        Kept = 8,
        Live = 16,
    }

    private readonly record struct Entry(long Ticks, ulong Parent, bool HasParent, Flags Flags);
}
