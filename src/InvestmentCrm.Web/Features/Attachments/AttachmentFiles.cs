using System.Security.Claims;
using System.Security.Cryptography;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>
/// The files kept with projects and enterprises: listed, checked and added, found for download within the reader's
/// scope, deleted. Every add and delete is written to the audit log of the record, in the transaction that makes it.
/// </summary>
public sealed class AttachmentFiles(
    IDb db, IAttachmentStore store, AuditLog audit, TimeProvider clock, IOptions<AttachmentOptions> options, IStringLocalizer<SharedResource> l)
{
    private const int MaxNameLength = 200;

    public AttachmentOptions Options => options.Value;

    public async Task<IReadOnlyList<Attachment>> ListAsync(AttachmentOwner owner, CancellationToken ct) =>
        await db.QueryAsync<Attachment>(Sql.List, new { OwnerType = owner.Type, OwnerId = owner.Id }, ct);

    /// <summary>The record's files as the transaction that is about to delete the record sees them.</summary>
    public Task<IReadOnlyList<Attachment>> ListAsync(DbSession session, AttachmentOwner owner) =>
        session.QueryAsync<Attachment>(Sql.List, new { OwnerType = owner.Type, OwnerId = owner.Id });

    /// <summary>The attachment if its record is one <paramref name="user"/> may see; null otherwise.</summary>
    public async Task<Attachment?> FindAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var scope = ProjectScope.For(user);
        return scope.UserId == 0 ? null : await db.QuerySingleOrDefaultAsync<Attachment>(Sql.Find, scope.AddTo(new { Id = id }), ct);
    }

    public Task<Stream?> OpenReadAsync(Attachment attachment, CancellationToken ct) => store.OpenReadAsync(attachment.StorageKey, ct);

    /// <summary>Checks the file (chosen, an allowed type by name and by content, not empty, within the limit) and keeps it
    /// with <paramref name="owner"/>. Returns the localized reason it was refused, with nothing stored, or null.</summary>
    public async Task<string?> AddAsync(AttachmentOwner owner, IFormFile? file, long userId, CancellationToken ct)
    {
        if (file is null)
        {
            return l["Upload.NoFile"].Value;
        }

        var name = CleanName(file.FileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var allowed = Options.Extensions;
        if (!allowed.Contains(extension, StringComparer.Ordinal))
        {
            return l["Attachments.WrongType", name, string.Join(" ", allowed)].Value;
        }

        if (file.Length == 0)
        {
            return l["Upload.Empty", name].Value;
        }

        if (file.Length > Options.MaxFileBytes)
        {
            return l["Attachments.TooBig", name, Options.MaxFileMegabytes].Value;
        }

        var content = new MemoryStream((int)file.Length);
        await using (var upload = file.OpenReadStream())
        {
            await upload.CopyToAsync(content, ct);
        }

        if (!FileTypes.Matches(content, extension))
        {
            return l["Attachments.NotWhatItSays", name, extension].Value;
        }

        await SaveAsync(owner, name, extension, content, userId, ct);
        return null;
    }

    private async Task SaveAsync(AttachmentOwner owner, string name, string extension, MemoryStream content, long userId, CancellationToken ct)
    {
        var bytes = content.GetBuffer().AsMemory(0, (int)content.Length);
        var key = Guid.NewGuid().ToString("N");
        await db.InTransactionAsync(async session =>
        {
            await store.SaveAsync(session, key, bytes);
            var id = await session.InsertAsync(Sql.Insert, new
            {
                OwnerType = owner.Type,
                OwnerId = owner.Id,
                FileName = name,
                ContentType = FileTypes.ContentType(extension),
                SizeBytes = bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span)),
                StorageKey = key,
                UploadedByUserId = userId,
                UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            await audit.WriteAsync(session, owner.AuditEntity, owner.AuditId, "attachment-add", new
            {
                Attachment = new object?[] { null, id },
                FileName = new object?[] { null, name },
                SizeBytes = new object?[] { null, bytes.Length },
            });
            return id;
        }, ct);
    }

    public Task DeleteAsync(AttachmentOwner owner, Attachment attachment, CancellationToken ct) =>
        db.InTransactionAsync(async session =>
        {
            await DeleteAsync(session, owner, attachment);
            return true;
        }, ct);

    /// <summary>Deletes the file's row and content and audits it on its record, in the caller's transaction (the
    /// record's own delete takes its files with it this way: all kept if anything after fails).</summary>
    public async Task DeleteAsync(DbSession session, AttachmentOwner owner, Attachment attachment)
    {
        await session.ExecuteAsync(Sql.Delete, new { attachment.Id });
        await store.DeleteAsync(session, attachment.StorageKey);
        await audit.WriteAsync(session, owner.AuditEntity, owner.AuditId, "attachment-delete", new
        {
            Attachment = new object?[] { attachment.Id, null },
            FileName = new object?[] { attachment.FileName, null },
            SizeBytes = new object?[] { attachment.SizeBytes, null },
        });
    }

    /// <summary>The name without a folder (old browsers send the whole path) or control characters, and short enough to
    /// store, its extension kept.</summary>
    public static string CleanName(string fileName)
    {
        var name = new string([.. Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c))]).Trim();
        if (name.Length <= MaxNameLength)
        {
            return name.Length == 0 ? "file" : name;
        }

        var extension = Path.GetExtension(name);
        return extension.Length >= MaxNameLength ? name[..MaxNameLength] : name[..(MaxNameLength - extension.Length)] + extension;
    }

    internal static class Sql
    {
        private const string Select = """
            SELECT a.Id, a.OwnerType, a.OwnerId, a.FileName, a.ContentType, a.SizeBytes, a.StorageKey, a.UploadedAtUtc,
                   u.DisplayName AS UploadedBy
            FROM Attachments a
            JOIN Users u ON u.Id = a.UploadedByUserId

            """;

        public const string List = Select + "WHERE a.OwnerType = @OwnerType AND a.OwnerId = @OwnerId\nORDER BY a.UploadedAtUtc DESC, a.Id DESC";

        /// <summary>An enterprise's files are everyone's; a project's only within the reader's scope.</summary>
        public const string Find = Select + """
            WHERE a.Id = @Id
              AND (a.OwnerType = 'enterprise' OR EXISTS (SELECT 1 FROM Projects p WHERE p.Id = a.OwnerId AND
            """ + " " + ProjectScope.Filter + "))";

        public const string Insert = """
            INSERT INTO Attachments (OwnerType, OwnerId, FileName, ContentType, SizeBytes, Sha256, StorageKey, UploadedByUserId, UploadedAtUtc)
            VALUES (@OwnerType, @OwnerId, @FileName, @ContentType, @SizeBytes, @Sha256, @StorageKey, @UploadedByUserId, @UploadedAtUtc)
            """;

        public const string Delete = "DELETE FROM Attachments WHERE Id = @Id";
    }
}

public sealed class Attachment
{
    public long Id { get; set; }
    public string OwnerType { get; set; } = "";
    public long OwnerId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long SizeBytes { get; set; }
    public string StorageKey { get; set; } = "";
    public DateTime UploadedAtUtc { get; set; }
    public string UploadedBy { get; set; } = "";
}
