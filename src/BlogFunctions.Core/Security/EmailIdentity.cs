namespace BlogFunctions.Core.Security;

/// <summary>
/// The pseudonym of an email address, used by every feature that keys or looks up by address:
/// the comments' email index and author tokens, the subscriber row key, the delivery log. One
/// normalization and one hash purpose, so a GDPR erasure by address finds the same person
/// everywhere; a second spelling of this rule would silently miss rows.
/// </summary>
internal static class EmailIdentity
{
    public const string HashPurpose = "email";

    /// <summary>Addresses differ from their trimmed, lower-cased form only in how they were typed.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>The stable hash of an address (normalized first).</summary>
    public static string EmailHash(this Signer signer, string email) => signer.Hash(HashPurpose, Normalize(email));
}
