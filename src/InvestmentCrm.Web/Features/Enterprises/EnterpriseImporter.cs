using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Enterprises;

/// <summary>What an import did; <see cref="NearDuplicates"/> are names that look like another enterprise's (a warning, not an error).</summary>
public sealed record EnterpriseImportSummary(int Created, int Updated, int Unchanged, IReadOnlyList<NearDuplicate> NearDuplicates)
{
    public int Total => Created + Updated + Unchanged;
}

public enum EnterpriseImportMode
{
    /// <summary>Files: create new USCCs, update the ones that differ, leave identical ones untouched.</summary>
    Upsert,

    /// <summary>Demo data: create the missing ones only, so a user's edits of demo enterprises survive a re-seed.</summary>
    CreateMissing,
}

/// <param name="AuditEachRow">One audit entry per created or changed enterprise (uploads, the CLI); otherwise one for the whole run (seed-bulk).</param>
public sealed record EnterpriseImportOptions(EnterpriseImportMode Mode = EnterpriseImportMode.Upsert, bool AuditEachRow = true, string? Source = null);

/// <summary>
/// Enterprise files: the upload page, <c>import enterprises FILE</c>, the demo seeder and seed-bulk. An import is one
/// transaction that upserts by USCC through <see cref="EnterpriseTables"/>, whose statements are prepared once and
/// reused for every row, so 10,000 rows take seconds; a row identical to what is stored changes nothing (no new
/// version, no audit entry).
/// </summary>
public sealed class EnterpriseImporter(IDb db, AuditLog audit, TimeProvider clock, IOptions<ImportLimits> importLimits)
{
    private const int ProgressEvery = 250;

    /// <summary>Checks every row of the file against the format and the chain nodes in the database.</summary>
    public async Task<ImportResult<EnterpriseFileRow>> ValidateAsync(TabularReadResult file, CancellationToken ct = default)
    {
        var nodes = await NodeDirectory.LoadAsync(db, ct);
        return EnterpriseImport.Validate(file, new EnterpriseImportContext(Uscc.IsValid, nodes.Contains));
    }

    /// <summary>Reads, checks and (only when every row is valid) saves a file.</summary>
    public async Task<(ImportResult<EnterpriseFileRow> Validation, EnterpriseImportSummary? Summary)> ImportFileAsync(
        Stream stream, string fileName, EnterpriseImportOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var file = TabularFile.Read(stream, fileName, importLimits.Value);
        var validation = file.Problems.Count > 0
            ? new ImportResult<EnterpriseFileRow>([], file.Problems)
            : await ValidateAsync(file, ct);
        if (!validation.Ok)
        {
            return (validation, null);
        }

        try
        {
            return (validation, await ImportAsync(validation.Rows, options, progress, ct));
        }
        catch (UsccTakenMeanwhileException e)
        {
            return (new ImportResult<EnterpriseFileRow>([], [new ImportProblem(e.Line, "uscc", ImportKeys.UsccTakenMeanwhile, e.Uscc)]), null);
        }
    }

    /// <summary>Saves validated rows in one transaction; <paramref name="progress"/> hears the number of rows done.</summary>
    public async Task<EnterpriseImportSummary> ImportAsync(
        IReadOnlyList<EnterpriseFileRow> rows, EnterpriseImportOptions options, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        var nodes = await NodeDirectory.LoadAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var summary = await db.InTransactionAsync(async session =>
        {
            await using var tables = new EnterpriseTables(session, now);
            var run = new Run(session, tables, audit, options);
            var done = 0;
            foreach (var row in rows)
            {
                var nodeIds = row.ChainNodes
                    .Select(n => nodes.TryGet(n, out var id) ? id : throw new InvalidOperationException($"Line {row.Line}: chain node {n} vanished after validation."))
                    .Distinct().ToList();
                await run.WriteAsync(row, nodeIds);
                if (++done % ProgressEvery == 0)
                {
                    progress?.Report(done);
                }
            }

            return await run.FinishAsync();
        }, ct);
        progress?.Report(rows.Count);
        return summary;
    }

    /// <summary>One import's transaction: what it has written so far and the near-duplicates it has found.</summary>
    private sealed class Run(DbSession session, EnterpriseTables tables, AuditLog audit, EnterpriseImportOptions options)
    {
        private readonly List<NearDuplicate> nearDuplicates = [];
        private int created;
        private int updated;
        private int unchanged;

        public async Task WriteAsync(EnterpriseFileRow row, IReadOnlyList<long> nodeIds)
        {
            var nameKey = EnterpriseName.Key(row.Name);
            var existing = await tables.FindAsync(row.Uscc);
            if (existing is null)
            {
                await CreateAsync(row, nameKey, nodeIds);
            }
            else if (options.Mode == EnterpriseImportMode.CreateMissing)
            {
                unchanged++;
            }
            else
            {
                await UpdateAsync(existing, row, nameKey, nodeIds);
            }
        }

        public async Task<EnterpriseImportSummary> FinishAsync()
        {
            if (!options.AuditEachRow && created + updated > 0)
            {
                await audit.WriteAsync(session, "Enterprise", "*", "import", new { Created = created, Updated = updated, Unchanged = unchanged, options.Source });
            }

            return new EnterpriseImportSummary(created, updated, unchanged, nearDuplicates);
        }

        private async Task CreateAsync(EnterpriseFileRow row, string nameKey, IReadOnlyList<long> nodeIds)
        {
            var id = await tables.InsertAsync(row, parkId: null, row.Line);
            await tables.AddQualificationsAsync(id, row.Qualifications);
            await tables.AddNodesAsync(id, nodeIds);
            if (row.Contact is { } contact)
            {
                await tables.AddContactsAsync(id, [contact]);
            }

            if (options.AuditEachRow)
            {
                await audit.WriteAsync(session, "Enterprise", id, "import", new { Outcome = "created", row.Uscc, row.Name, row.Kind, options.Source });
            }

            created++;
            await FindNearDuplicateAsync(row, nameKey, id);
        }

        // The file has one contact per row: it is the enterprise's first contact, and the others are left alone.
        private async Task UpdateAsync(StoredEnterprise existing, EnterpriseFileRow row, string nameKey, IReadOnlyList<long> nodeIds)
        {
            var storedQualifications = await tables.QualificationsAsync(existing.Id);
            var storedNodes = await tables.NodeIdsAsync(existing.Id);
            var firstContact = await tables.FirstContactAsync(existing.Id);

            var fieldsChanged = existing.NameKey != nameKey || !existing.SameFieldsAs(row);
            var qualificationsChanged = !storedQualifications.ToHashSet(StringComparer.Ordinal).SetEquals(row.Qualifications);
            var nodesChanged = !storedNodes.ToHashSet().SetEquals(nodeIds);
            var contactChanged = row.Contact is not null && firstContact?.Contact != row.Contact;
            if (!(fieldsChanged || qualificationsChanged || nodesChanged || contactChanged))
            {
                unchanged++;
                return;
            }

            await tables.UpdateFieldsAsync(existing.Id, row);
            if (qualificationsChanged)
            {
                await tables.ReplaceQualificationsAsync(existing.Id, row.Qualifications);
            }

            if (nodesChanged)
            {
                await tables.ReplaceNodesAsync(existing.Id, nodeIds);
            }

            if (contactChanged && firstContact is not null)
            {
                await tables.UpdateContactAsync(firstContact.Id, row.Contact!);
            }
            else if (contactChanged)
            {
                await tables.AddContactsAsync(existing.Id, [row.Contact!]);
            }

            if (options.AuditEachRow)
            {
                await audit.WriteAsync(session, "Enterprise", existing.Id, "import", new
                {
                    Outcome = "updated",
                    row.Uscc,
                    row.Name,
                    Changes = AuditLog.Diff(existing.AuditFields(), row.AuditFields()),
                    Qualifications = qualificationsChanged ? row.Qualifications : null,
                    ChainNodes = nodesChanged ? row.ChainNodes.Select(n => n.ToString()).ToList() : null,
                    Contact = contactChanged ? row.Contact!.Name : null,
                    options.Source,
                });
            }

            updated++;
            if (existing.NameKey != nameKey)
            {
                await FindNearDuplicateAsync(row, nameKey, existing.Id);
            }
        }

        private async Task FindNearDuplicateAsync(EnterpriseFileRow row, string nameKey, long id)
        {
            if (await tables.FirstSimilarAsync(nameKey, id) is { } other)
            {
                nearDuplicates.Add(new NearDuplicate(row.Line, row.Name, other));
            }
        }
    }
}
