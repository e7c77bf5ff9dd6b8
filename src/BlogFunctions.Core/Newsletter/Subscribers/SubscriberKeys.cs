using BlogFunctions.Core.Security;

namespace BlogFunctions.Core.Newsletter.Subscribers;

/// <summary>Where a subscriber lives in the table: normalized address → (shard, email hash).</summary>
internal sealed class SubscriberKeys(Signer signer)
{
    /// <summary>The RowKey of an address: its <see cref="EmailIdentity"/> hash.</summary>
    public string HashOf(string email) => signer.EmailHash(email);

    public (string PartitionKey, string RowKey) KeysOf(string email) => KeysOfHash(HashOf(email));

    public static (string PartitionKey, string RowKey) KeysOfHash(string hash) => (SubscriberEntity.ShardOf(hash), hash);
}
