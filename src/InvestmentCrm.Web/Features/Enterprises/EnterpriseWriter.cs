using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>
/// The create and edit pages' saves: refused when another enterprise has the USCC, or (edit) when someone saved the
/// enterprise since the form was read; every change audited with its old and new values. Imports go through
/// <see cref="EnterpriseImporter"/>; both write through the same <see cref="EnterpriseTables"/>.
/// </summary>
public sealed class EnterpriseWriter(IDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The create page: refused when the USCC is taken (the result names the enterprise that has it).</summary>
    public Task<EnterpriseSaveResult> CreateAsync(EnterpriseRecord record, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            await using var tables = new EnterpriseTables(session, clock.GetUtcNow().UtcDateTime);
            if (await tables.FindAsync(record.Uscc) is { } taken)
            {
                return EnterpriseSaveResult.DuplicateUscc(record.Uscc, taken.Id, taken.Name);
            }

            var id = await tables.InsertAsync(record, record.ParkId, line: 0);
            await tables.AddQualificationsAsync(id, record.Qualifications);
            await tables.AddNodesAsync(id, record.NodeIds);
            await tables.AddContactsAsync(id, record.Contacts);
            await audit.WriteAsync(session, "Enterprise", id, "create", record.AuditView());
            return new EnterpriseSaveResult(SaveOutcome.Created, id);
        }, ct).CatchUsccTakenMeanwhile();

    /// <summary>The edit page: refused when the enterprise was saved since <paramref name="expectedVersion"/> was read.</summary>
    public Task<EnterpriseSaveResult> UpdateAsync(long id, int expectedVersion, EnterpriseRecord record, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            await using var tables = new EnterpriseTables(session, clock.GetUtcNow().UtcDateTime);
            var before = await LoadAsync(tables, id);
            if (before is null)
            {
                return new EnterpriseSaveResult(SaveOutcome.NotFound, id);
            }

            if (before.Value.Version != expectedVersion)
            {
                return new EnterpriseSaveResult(SaveOutcome.Conflict, id);
            }

            if (await tables.FindAsync(record.Uscc) is { } taken && taken.Id != id)
            {
                return EnterpriseSaveResult.DuplicateUscc(record.Uscc, taken.Id, taken.Name);
            }

            var changes = AuditLog.Diff(before.Value.Record.AuditView(), record.AuditView());
            if (changes.Count == 0)
            {
                return new EnterpriseSaveResult(SaveOutcome.Unchanged, id);
            }

            if (!await tables.UpdateAsync(id, expectedVersion, record))
            {
                return new EnterpriseSaveResult(SaveOutcome.Conflict, id);
            }

            await tables.ReplaceQualificationsAsync(id, record.Qualifications);
            await tables.ReplaceNodesAsync(id, record.NodeIds);
            await tables.ReplaceContactsAsync(id, record.Contacts);
            await audit.WriteAsync(session, "Enterprise", id, "update", changes);
            return new EnterpriseSaveResult(SaveOutcome.Updated, id);
        }, ct).CatchUsccTakenMeanwhile(id);

    /// <summary>An enterprise as the edit page shows it, with its version; null when there is none with this id.</summary>
    public Task<(EnterpriseRecord Record, int Version)?> LoadAsync(long id, CancellationToken ct = default) =>
        db.InTransactionAsync(async session =>
        {
            await using var tables = new EnterpriseTables(session, clock.GetUtcNow().UtcDateTime);
            return await LoadAsync(tables, id);
        }, ct);

    private static async Task<(EnterpriseRecord Record, int Version)?> LoadAsync(EnterpriseTables tables, long id)
    {
        if (await tables.FindAsync(id) is not { } stored)
        {
            return null;
        }

        var qualifications = await tables.QualificationsAsync(id);
        var record = new EnterpriseRecord(stored)
        {
            ParkId = stored.ParkId,
            Qualifications = [.. EnterpriseImport.Qualifications.Where(qualifications.Contains)],
            NodeIds = [.. (await tables.NodeIdsAsync(id)).Order()],
            Contacts = [.. (await tables.ContactsAsync(id)).Select(c => c.Contact)],
        };
        return (record, stored.Version);
    }
}
