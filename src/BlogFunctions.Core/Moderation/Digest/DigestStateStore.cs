using Azure;
using Azure.Data.Tables;
using BlogFunctions.Core.Storage;

namespace BlogFunctions.Core.Moderation.Digest;

/// <summary>Reads and writes the digest's state row; every write is conditional on the ETag last read.</summary>
internal sealed class DigestStateStore(BlogTables tables)
{
    /// <summary>On the very first run, notices this old are still sent (the setting may be new, the comments not).</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    private TableClient Table => tables[DigestStateEntity.TableName];

    public async Task<DigestStateEntity> LoadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<DigestStateEntity>(DigestStateEntity.Partition, DigestStateEntity.Row,
                cancellationToken: cancellationToken);
            if (existing.HasValue)
            {
                return existing.Value!;
            }
            var fresh = new DigestStateEntity { SentThrough = now - FirstLookBack };
            try
            {
                var added = await Table.AddEntityAsync(fresh, cancellationToken);
                fresh.ETag = added.Headers.ETag ?? default;
                return fresh;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 3)
            {
                // Another run created it first: read theirs.
            }
        }
    }

    /// <summary>Replaces the row if nobody changed it since it was read; false when another run got there first.</summary>
    public async Task<bool> TryWriteAsync(DigestStateEntity state, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = response.Headers.ETag ?? state.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }
}
