using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BlogFunctions.Core.Imports;

/// <summary>
/// An Isso database (SQLite): <c>threads(id, uri, title)</c> and <c>comments(tid, id, parent,
/// created, mode, text, author, email, website, ...)</c>. created is Unix time in seconds (a
/// float); mode 1 is accepted, 2 waiting for moderation, 4 deleted (Isso keeps a deleted comment
/// with replies as an empty row). text is Markdown. Opened read-only.
/// </summary>
internal sealed class IssoReader(string path) : ISourceReader
{
    public async IAsyncEnumerable<SourceComment> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        SqliteDataReader reader;
        try
        {
            await connection.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = "SELECT c.id, c.parent, t.uri, c.created, c.mode, c.text, c.author, c.email, c.website "
                + "FROM comments c JOIN threads t ON t.id = c.tid ORDER BY c.id";
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new ImportFormatException($"not an Isso database (tables threads and comments): {e.Message}", e);
        }
        await using (reader)
        {
            while (await NextAsync(reader, cancellationToken))
            {
                var created = reader.IsDBNull(3) ? (DateTimeOffset?)null
                    : DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble(3) * 1000));
                var state = reader.IsDBNull(4) ? SourceState.Approved : reader.GetInt32(4) switch
                {
                    2 => SourceState.Pending,
                    4 => SourceState.Deleted,
                    _ => SourceState.Approved,
                };
                yield return new SourceComment(reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(1) ? null : reader.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    reader.IsDBNull(2) ? "" : reader.GetString(2), created,
                    Text(reader, 6), NullIfEmpty(Text(reader, 7)), NullIfEmpty(Text(reader, 8)), Text(reader, 5), BodyKind.Markdown, state);
            }
        }
    }

    private static async Task<bool> NextAsync(SqliteDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            throw new ImportFormatException($"the Isso database is damaged: {e.Message}", e);
        }
    }

    private static string Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? "" : reader.GetString(i);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
