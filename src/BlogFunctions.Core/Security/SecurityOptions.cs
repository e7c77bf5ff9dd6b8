using System.ComponentModel.DataAnnotations;

namespace BlogFunctions.Core.Security;

internal sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Secret for every HMAC: form, subscription and action tokens, and IP hashes. At least 32 characters.</summary>
    [Required]
    [MinLength(32)]
    public string SigningKey { get; set; } = "";
}
