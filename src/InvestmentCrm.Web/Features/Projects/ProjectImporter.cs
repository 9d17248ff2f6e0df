using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>What an import did: created, updated and unchanged project counts, or the problems that stopped it.</summary>
public sealed record ProjectImportSummary(IReadOnlyList<ImportProblem> Problems, int Created, int Updated, int Unchanged)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Writes a projects file (docs/en/import-formats.md) after <see cref="ProjectImport.Validate"/> passed for every row:
/// upsert by project code through <see cref="ProjectWriter"/>, so stage history, audit and the in_production rule
/// apply as in the UI. Re-importing the same file changes nothing.
/// </summary>
public sealed class ProjectImporter(IDb db, ProjectWriter writer, AuditLog audit)
{
    public async Task<ProjectImportSummary> ImportAsync(TabularReadResult file, long? actorUserId, CancellationToken ct = default)
    {
        var (enterprises, users, nodes) = await ReferencesAsync(ct);
        var validation = ProjectImport.Validate(file, new ProjectImportContext(
            Uscc.IsValid, enterprises.ContainsKey, users.ContainsKey, nodes.Contains, writer.Today));
        if (!validation.Ok)
        {
            return new ProjectImportSummary(validation.Problems, 0, 0, 0);
        }

        int created = 0, updated = 0, unchanged = 0;
        try
        {
            // One transaction for the whole file: a project changed by someone between the check above and its
            // write ends the import with nothing written, like any other rejected file.
            await db.InTransactionAsync(async session =>
            {
                foreach (var row in validation.Rows)
                {
                    switch (await WriteAsync(session, row))
                    {
                        case SaveOutcome.Created: created++; break;
                        case SaveOutcome.Updated: updated++; break;
                        default: unchanged++; break;
                    }
                }

                return true;
            }, ct);
        }
        catch (RowRejectedException rejected)
        {
            return new ProjectImportSummary(rejected.Problems, 0, 0, 0);
        }

        return new ProjectImportSummary([], created, updated, unchanged);

        async Task<SaveOutcome> WriteAsync(DbSession session, ProjectFileRow row)
        {
            var input = new ProjectInput(row)
            {
                EnterpriseId = enterprises[row.EnterpriseUscc],
                Source = row.Source ?? "other",
                OwnerUserId = users[row.OwnerEmail],
                Priority = 2,
                NodeIds = [.. row.TargetNodes.Select(n => nodes.TryGet(n, out var id) ? id : throw new InvalidOperationException($"Line {row.Line}: chain node {n} vanished after validation."))],
            };
            var signed = ProjectStages.IsSigned(row.Stage);
            var existing = await session.QuerySingleOrDefaultAsync<Existing>(Sql.Existing, new { row.Code });
            if (existing is null)
            {
                var result = await writer.CreateAsync(session, row.Code, input, actorUserId, row.Stage, row.SignedOn, signed || row.SignedOn is not null ? row.PlannedInvestmentWan : null);
                _ = result.Outcome == SaveOutcome.Created ? await FillMilestonesAsync(session, result.Id, row) : throw Rejected(row, result);
                return SaveOutcome.Created;
            }

            var fields = await writer.UpdateAsync(session, existing.Id, existing.Version, input with { Priority = existing.Priority, Description = existing.Description });
            if (!fields.Succeeded)
            {
                throw Rejected(row, fields);
            }

            // Before the move: a move to started records today unless the project has its start date already.
            var filled = await FillMilestonesAsync(session, existing.Id, row);
            var moved = false;
            if (existing.Stage != row.Stage)
            {
                // The file states the stage: uploading it is the confirmation of a move back, "import" its reason.
                var move = await writer.MoveAsync(session, existing.Id, null, new StageMove(row.Stage, "import", row.SignedOn, row.PlannedInvestmentWan, BackwardConfirmed: true), actorUserId);
                moved = move.Succeeded ? move.Outcome.Wrote() : throw Rejected(row, move);
            }

            return fields.Outcome.Wrote() || filled || moved ? SaveOutcome.Updated : SaveOutcome.Unchanged;
        }
    }

    /// <summary>What a file's rows refer to: enterprises by USCC, owners by e-mail (any case), chain nodes.</summary>
    private async Task<(Dictionary<string, long> Enterprises, Dictionary<string, long> Users, NodeDirectory Nodes)> ReferencesAsync(CancellationToken ct)
    {
        var enterprises = (await db.QueryAsync<(string Uscc, long Id)>(Sql.Enterprises, ct: ct)).ToDictionary(e => e.Uscc, e => e.Id, StringComparer.Ordinal);
        var users = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (email, id) in await db.QueryAsync<(string Email, long Id)>(Sql.Users, ct: ct))
        {
            users[email] = id;
        }

        return (enterprises, users, await NodeDirectory.LoadAsync(db, ct));
    }

    /// <summary>The file's milestone dates where the project has none (kept once, like the signing date), audited.</summary>
    private async Task<bool> FillMilestonesAsync(DbSession session, long id, ProjectFileRow row)
    {
        var before = await session.QuerySingleOrDefaultAsync<StoredMilestones>(Sql.Milestones, new { Id = id });
        var changes = new Dictionary<string, object?[]>();
        if (before?.StartedOn is null && row.StartedOn is { } started)
        {
            changes["StartedOn"] = [null, started.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
        }

        if (before?.InProductionOn is null && row.InProductionOn is { } inProduction)
        {
            changes["InProductionOn"] = [null, inProduction.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)];
        }

        if (changes.Count == 0)
        {
            return false;
        }

        await session.ExecuteAsync(Sql.FillMilestones, new { Id = id, row.StartedOn, row.InProductionOn, writer.UtcNow });
        await audit.WriteAsync(session, "Project", row.Code, "milestones", changes);
        return true;
    }

    private sealed class StoredMilestones
    {
        public DateOnly? StartedOn { get; set; }
        public DateOnly? InProductionOn { get; set; }
    }

    /// <summary>
    /// A write the checks above let through was refused: the writer's own rule (its problems, on the row's line), or
    /// the project was created, changed or removed by someone else after the file was checked.
    /// </summary>
    private static RowRejectedException Rejected(ProjectFileRow row, WriteResult result) =>
        new(result.Problems is { Count: > 0 } problems
            ? [.. problems.Select(p => new ImportProblem(row.Line, null, p.Key, p.Args))]
            : [new ImportProblem(row.Line, "code", "Import.Error.ProjectChangedMeanwhile", row.Code)]);

    private sealed class RowRejectedException(IReadOnlyList<ImportProblem> problems) : Exception("A project of the file could not be written.")
    {
        public IReadOnlyList<ImportProblem> Problems { get; } = problems;
    }

    private sealed class Existing
    {
        public long Id { get; set; }
        public string Stage { get; set; } = "";
        public int Priority { get; set; }
        public string? Description { get; set; }
        public int Version { get; set; }
    }

    internal static class Sql
    {
        public const string Enterprises = "SELECT Uscc, Id FROM Enterprises";

        public const string Users = "SELECT Email, Id FROM Users";

        public const string Existing = "SELECT Id, Stage, Priority, Description, Version FROM Projects WHERE Code = @Code";

        public const string Milestones = "SELECT StartedOn, InProductionOn FROM Projects WHERE Id = @Id";

        public const string FillMilestones = """
            UPDATE Projects
            SET StartedOn = COALESCE(StartedOn, @StartedOn), InProductionOn = COALESCE(InProductionOn, @InProductionOn),
                Version = Version + 1, UpdatedAtUtc = @UtcNow
            WHERE Id = @Id
            """;
    }
}
