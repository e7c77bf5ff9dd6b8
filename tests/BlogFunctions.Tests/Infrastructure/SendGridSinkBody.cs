using System.Buffers;

namespace BlogFunctions.Tests.Infrastructure;

/// <summary>A request body in an array rented from the shared pool.</summary>
internal sealed class SinkRentedBody(int capacity) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 4096) + 1);
    private int _length;

    public ReadOnlyMemory<byte> Bytes => _buffer.AsMemory(0, _length);

    public Memory<byte> Free()
    {
        if (_length == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        return _buffer.AsMemory(_length);
    }

    public bool Advance(int read, long max)
    {
        _length += read;
        return _length <= max;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
