namespace BlogFunctions.Core.Security;

/// <summary>
/// A feature that keeps rows about an address (by its email hash) outside the subscriber and
/// comment tables. GDPR erasure calls every one, so a new feature's data cannot be forgotten by it.
/// </summary>
internal interface IPersonalDataHolder
{
    /// <returns>How many rows were removed.</returns>
    Task<int> EraseAsync(string emailHash, CancellationToken cancellationToken);
}
