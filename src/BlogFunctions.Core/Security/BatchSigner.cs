using System.Security.Cryptography;
using System.Text;

namespace BlogFunctions.Core.Security;

/// <summary>
/// Signs many payloads for one purpose with one keyed HMAC, reset between payloads, giving the same
/// tokens as <see cref="Signer.Sign"/>. A newsletter chunk signs 1,000 unsubscribe tokens; the
/// one-shot HMAC set the key up again for each of them, which the profile showed as the largest
/// single cost of building a chunk. Not thread-safe: one per chunk.
/// </summary>
internal sealed class BatchSigner : IDisposable
{
    private readonly IncrementalHash _hmac;

    internal BatchSigner(byte[] key) => _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

    public string Sign(string payload)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        _hmac.AppendData(data);
        Span<byte> mac = stackalloc byte[32];
        _hmac.GetHashAndReset(mac);
        return Signer.Token(data, mac);
    }

    public void Dispose() => _hmac.Dispose();
}
