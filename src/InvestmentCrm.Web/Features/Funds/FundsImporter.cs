using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>What a ledger import did: entries created, updated and already as in the file, or the problems that stopped it.</summary>
public sealed record FundsImportSummary(IReadOnlyList<ImportProblem> Problems, int Created, int Updated, int Unchanged)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Writes a funds-in-place file (docs/en/import-formats.md) after <see cref="FundsImport.Validate"/> passed for every
/// row: upsert by project, day and kind through <see cref="FundsWriter"/>, so its rules and audit apply as on the
/// project page, all in one transaction. Rows may only name projects whose funds the importing user may manage
/// (<see cref="ProjectScope.CanManageMatters"/>); entries not in the file are left alone; re-importing the same file
/// (or an export) changes nothing.
/// </summary>
public sealed class FundsImporter(IDb db, FundsWriter writer)
{
    public async Task<FundsImportSummary> ImportAsync(TabularReadResult file, ProjectScope scope, CancellationToken ct = default)
    {
        var projects = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in await db.QueryAsync<ProjectRow>(Sql.Projects, scope.AddTo(), ct))
        {
            if (scope.CanManageMatters(p.OwnerUserId))
            {
                projects[p.Code] = p.Id;
            }
        }

        var validation = FundsImport.Validate(file, new FundsImportContext(code => projects.TryGetValue(code, out var id) ? id : null, writer.Today));
        if (!validation.Ok)
        {
            return new FundsImportSummary(validation.Problems, 0, 0, 0);
        }

        try
        {
            return await db.InTransactionAsync(session => SaveAsync(session, validation.Rows, scope.UserId == 0 ? null : scope.UserId), ct);
        }
        catch (RowRejectedException rejected)
        {
            return new FundsImportSummary(rejected.Problems, 0, 0, 0);
        }
    }

    private async Task<FundsImportSummary> SaveAsync(DbSession session, IReadOnlyList<FundsFileRow> rows, long? actorUserId)
    {
        int created = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            var stored = await session.QueryAsync<StoredEntry>(Sql.SameDay, new { row.ProjectId, row.ReceivedOn, row.Kind });
            if (stored.Count > 1)
            {
                // Entered before the one-per-day rule held (a bulk seed, an old database): which one the row means is unclear.
                throw new RowRejectedException([new ImportProblem(row.Line, "received_on", "Import.Error.SeveralFundsEntries", row.ProjectCode, row.ReceivedOn.ToString("yyyy-MM-dd"), row.Kind)]);
            }

            var result = stored.Count == 0
                ? await writer.AddAsync(session, row.ProjectId, row.ToInput(), actorUserId)
                : await writer.UpdateAsync(session, row.ProjectId, stored[0].Id, stored[0].Version, row.ToInput());
            switch (result.Outcome)
            {
                case SaveOutcome.Created: created++; break;
                case SaveOutcome.Updated: updated++; break;
                case SaveOutcome.Unchanged: unchanged++; break;
                default: throw Rejected(row, result);
            }
        }

        return new FundsImportSummary([], created, updated, unchanged);
    }

    /// <summary>A write the checks above let through was refused: the writer's own rule (on the row's line), or the
    /// entry or project was changed or removed by someone else after the file was checked.</summary>
    private static RowRejectedException Rejected(FundsFileRow row, WriteResult result) =>
        new(result.Problems is { Count: > 0 } problems
            ? [.. problems.Select(p => new ImportProblem(row.Line, null, p.Key, p.Args))]
            : [new ImportProblem(row.Line, "project_code", "Import.Error.FundsChangedMeanwhile", row.ProjectCode)]);

    private sealed class RowRejectedException(IReadOnlyList<ImportProblem> problems) : Exception("An entry of the file could not be written.")
    {
        public IReadOnlyList<ImportProblem> Problems { get; } = problems;
    }

    private sealed class ProjectRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public long OwnerUserId { get; set; }
    }

    private sealed class StoredEntry
    {
        public long Id { get; set; }
        public int Version { get; set; }
    }

    internal static class Sql
    {
        public const string Projects = "SELECT p.Id, p.Code, p.OwnerUserId FROM Projects p WHERE " + ProjectScope.Filter;

        public const string SameDay = """
            SELECT Id, Version FROM FundsInPlace WHERE ProjectId = @ProjectId AND ReceivedOn = @ReceivedOn AND Kind = @Kind ORDER BY Id
            """;
    }
}
