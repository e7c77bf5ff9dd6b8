using System.Text;

namespace BlogFunctions.Core.Newsletter.Dispatch;

/// <summary>A chunk's fixed recipients: subscriber row keys, grouped by shard and in key order.</summary>
internal sealed record RecipientGroup(string Shard, IReadOnlyList<string> Keys);

/// <summary>Encodes recipient groups into one compact string property and back.</summary>
internal static class RecipientList
{
    public static string Encode(IEnumerable<RecipientGroup> groups)
    {
        var sb = new StringBuilder();
        foreach (var group in groups)
        {
            if (sb.Length > 0)
            {
                sb.Append(';');
            }
            sb.Append(group.Shard).Append(':').AppendJoin(',', group.Keys);
        }
        return sb.ToString();
    }

    public static IReadOnlyList<RecipientGroup> Decode(string encoded)
    {
        var groups = new List<RecipientGroup>();
        foreach (var part in encoded.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                groups.Add(new RecipientGroup(part[..colon], part[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)));
            }
        }
        return groups;
    }

    /// <summary>Groups an ordered (shard, key) sequence into runs of one shard each.</summary>
    public static List<RecipientGroup> Group(IEnumerable<(string Shard, string Key)> ordered)
    {
        var groups = new List<RecipientGroup>();
        List<string>? keys = null;
        string? shard = null;
        foreach (var (s, key) in ordered)
        {
            if (keys is null || s != shard)
            {
                keys = [];
                shard = s;
                groups.Add(new RecipientGroup(s, keys));
            }
            keys.Add(key);
        }
        return groups;
    }
}
