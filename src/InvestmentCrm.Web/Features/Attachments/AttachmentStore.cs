using System.Data;
using System.Data.Common;
using Dapper;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>
/// Where the bytes of attachments live, by a key the Attachments table holds. Writes take part in the transaction
/// that writes the attachment's row, so a file and its row are kept or dropped together.
/// </summary>
public interface IAttachmentStore
{
    Task SaveAsync(DbSession session, string key, ReadOnlyMemory<byte> content);

    /// <summary>The content to stream out, or null when the store has nothing under the key. The caller disposes it.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    Task DeleteAsync(DbSession session, string key);
}

/// <summary>The default store: the database itself, so that every web node serves the same files and a backup of the
/// database holds them too.</summary>
public sealed class DbAttachmentStore(IDb db) : IAttachmentStore
{
    public Task SaveAsync(DbSession session, string key, ReadOnlyMemory<byte> content) =>
        session.ExecuteAsync(Sql.Insert, new { StorageKey = key, Content = content.ToArray() });

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken ct)
    {
        var connection = await db.OpenAsync(ct);
        DbDataReader? reader = null;
        try
        {
            // Sequential access: the provider streams the column instead of reading the whole row first.
            reader = await connection.ExecuteReaderAsync(new CommandDefinition(Sql.Read, new { StorageKey = key }, cancellationToken: ct), CommandBehavior.SequentialAccess);
            if (!await reader.ReadAsync(ct))
            {
                await reader.DisposeAsync();
                await connection.DisposeAsync();
                return null;
            }

            return new OwningStream(reader.GetStream(0), reader, connection);
        }
        catch
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Deletes the content and overwrites the space it took: a deleted file (a contract scan, an ID copy) must
    /// not stay readable in the database file. Only for this statement, so other deletes cost what they did.</summary>
    public async Task DeleteAsync(DbSession session, string key)
    {
        await SetScrubbingAsync(session, on: true);
        try
        {
            await session.ExecuteAsync(Sql.Delete, new { StorageKey = key });
        }
        finally
        {
            await SetScrubbingAsync(session, on: false);
        }
    }

    private static async Task SetScrubbingAsync(DbSession session, bool on)
    {
        if (session.Dialect.ScrubDeletes(on) is { Length: > 0 } statement)
        {
            await session.ExecuteAsync(statement);
        }
    }

    /// <summary>The column's stream, closing the reader and the connection it reads from when the response is sent.</summary>
    private sealed class OwningStream(Stream inner, DbDataReader reader, DbConnection connection) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                reader.Dispose();
                connection.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await reader.DisposeAsync();
            await connection.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    internal static class Sql
    {
        public const string Insert = "INSERT INTO AttachmentContents (StorageKey, Content) VALUES (@StorageKey, @Content)";
        public const string Read = "SELECT Content FROM AttachmentContents WHERE StorageKey = @StorageKey";
        public const string Delete = "DELETE FROM AttachmentContents WHERE StorageKey = @StorageKey";
    }
}
