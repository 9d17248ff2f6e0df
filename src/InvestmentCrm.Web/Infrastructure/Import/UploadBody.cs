using System.Buffers;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// The request body of an upload page as its form is read: it counts what is read and refuses to give more than the
/// limit (an <see cref="InvalidDataException"/>, as the multipart reader's own limit throws), whatever reads it — the
/// multipart reader, or the url-encoded one, which has no overall limit of its own. Kestrel's limit is set higher, by
/// <see cref="DrainAllowanceBytes"/>, so that a refused upload can be read to its end (<see cref="DrainAsync"/>).
/// </summary>
public sealed class UploadBody(Stream inner, long limit) : Stream
{
    /// <summary>
    /// How much more than the limit is read (and thrown away) from an upload that is refused, so that the client, which
    /// sends the whole body before it reads the answer, gets that answer: a server that closes a connection with
    /// unread data makes the client's system reset it, and the answer is lost (a browser shows "connection reset"
    /// instead of "too large"). 16 MB covers the usual mistake, a file somewhat over the limit (up to 36 MB at the
    /// default 20 MB limit), and costs less than one accepted upload at that default; anything larger is answered
    /// without reading it, and the connection closed, as nginx gives up lingering.
    /// </summary>
    public const long DrainAllowanceBytes = 16L * 1024 * 1024;

    private const int DiscardBufferBytes = 16 * 1024;

    public long BytesRead { get; private set; }

    /// <summary>True once more than the limit has been asked for; the multipart reader's limit trips at the limit itself.</summary>
    public bool ReachedLimit => BytesRead >= limit;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, Room(count)));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken));

    /// <summary>
    /// Reads what is left of a refused upload into a small buffer and throws it away, up to
    /// <see cref="DrainAllowanceBytes"/> past the limit; true when the body ended within that, so that the answer can
    /// go out on a connection with nothing unread. False when it did not, when Kestrel stopped it (its limit, or a
    /// sender slower than its minimum data rate) or when the client went away: the caller then closes the connection.
    /// </summary>
    public async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        var budget = limit + DrainAllowanceBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(DiscardBufferBytes);
        try
        {
            while (BytesRead <= budget)
            {
                // One byte past the budget tells a body that goes on from one that ends exactly there.
                var read = await inner.ReadAsync(buffer.AsMemory(0, (int)Math.Min(DiscardBufferBytes, budget - BytesRead + 1)), cancellationToken);
                if (read == 0)
                {
                    return true;
                }

                BytesRead += read;
            }

            return false;
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>What a read may ask for: up to one byte past the limit, which is how a body over it shows.</summary>
    private int Room(int count) =>
        BytesRead > limit ? throw TooLarge() : (int)Math.Min(count, limit - BytesRead + 1);

    private int Counted(int read)
    {
        BytesRead += read;
        return BytesRead > limit ? throw TooLarge() : read;
    }

    private InvalidDataException TooLarge() => new($"The request body is larger than {limit} bytes.");
}
