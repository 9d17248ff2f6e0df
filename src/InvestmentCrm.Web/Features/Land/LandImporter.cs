using Dapper;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>What an import wrote: records created, records updated and records that were already as in the file.</summary>
public sealed record LandImportSummary(int Created, int Updated, int Unchanged);

/// <summary>Either the problems (nothing written) or the summary.</summary>
public sealed record LandImportOutcome(IReadOnlyList<ImportProblem> Problems, LandImportSummary? Summary)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Saves a land-efficiency file (upload page, <c>import land FILE</c>, demo). The whole file is validated first by
/// <see cref="LandImport"/> against the registry (unknown USCC, prospect instead of local, the same enterprise-year
/// twice in the file); with any problem nothing is written. A valid file upserts by enterprise and year: a record
/// already stored for that enterprise-year is replaced by the file's values (all of them, so an empty optional
/// column clears the stored value), and re-importing the same file changes nothing (no write, no audit row).
/// </summary>
public sealed class LandImporter(IDb db, AuditLog audit, TimeProvider clock, IOptions<AppOptions> app)
{
    public async Task<LandImportOutcome> ImportAsync(TabularReadResult file, CancellationToken ct = default)
    {
        var locals = (await db.QueryAsync<EnterpriseRow>(Sql.LocalEnterprises, ct: ct)).ToDictionary(e => e.Uscc, e => e.Id, StringComparer.Ordinal);

        // Codes that are not local enterprises are rare (they are errors): look each up once to say which error. Only
        // valid codes: a file of a million malformed ones would otherwise be a million queries for a "bad code" answer.
        var otherKinds = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            var uscc = row.Values.TryGetValue("uscc", out var value) ? value.Trim().ToUpperInvariant() : "";
            if (Uscc.IsValid(uscc) && !locals.ContainsKey(uscc) && !otherKinds.ContainsKey(uscc))
            {
                otherKinds[uscc] = await db.ExecuteScalarAsync<string?>(Sql.KindOf, new { Uscc = uscc }, ct);
            }
        }

        var context = new LandImportContext(
            Uscc.IsValid,
            uscc => locals.ContainsKey(uscc) ? "local" : otherKinds.GetValueOrDefault(uscc),
            app.Value.Today(clock));
        var validation = LandImport.Validate(file, context);
        if (!validation.Ok)
        {
            return new LandImportOutcome(validation.Problems, null);
        }

        var summary = await db.InTransactionAsync(session => SaveAsync(session, validation.Rows, locals), ct);
        return new LandImportOutcome([], summary);
    }

    private async Task<LandImportSummary> SaveAsync(DbSession session, IReadOnlyList<LandImportRow> rows, Dictionary<string, long> locals)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0, updated = 0, unchanged = 0;
        foreach (var year in rows.Select(r => r.Year).Distinct())
        {
            var stored = (await session.QueryAsync<StoredRecord>(Sql.RecordsOfYear, new { Year = year })).ToDictionary(r => r.EnterpriseId);
            foreach (var row in rows.Where(r => r.Year == year))
            {
                var figures = row.Figures(locals[row.Uscc]);
                if (!stored.TryGetValue(figures.EnterpriseId, out var old))
                {
                    var id = await session.InsertAsync(Sql.Insert, Parameters(figures, new { row.Year, Now = now }));
                    await audit.WriteAsync(session, "LandRecord", id, "create",
                        new Dictionary<string, object?>([new("Uscc", row.Uscc), new("Year", row.Year), .. Snapshot(figures)]));
                    created++;
                    continue;
                }

                var changes = AuditLog.Diff(Snapshot(old.ToFigures()), Snapshot(figures));
                if (changes.Count == 0)
                {
                    unchanged++;
                    continue;
                }

                await session.ExecuteAsync(Sql.Update, Parameters(figures, new { old.Id, Now = now }));
                await audit.WriteAsync(session, "LandRecord", old.Id, "update", new { row.Uscc, row.Year, Changes = changes });
                updated++;
            }
        }

        return new LandImportSummary(created, updated, unchanged);
    }

    // decimal.Equals ignores trailing zeros (1.50 == 1.5), so a SQL Server decimal(18, 2) compares as typed.
    private static Dictionary<string, object?> Snapshot(LandFigures figures) => new()
    {
        ["LandMu"] = figures.LandMu,
        ["OutputWan"] = figures.OutputWan,
        ["TaxWan"] = figures.TaxWan,
        ["InvestmentWan"] = figures.InvestmentWan,
        ["Employees"] = figures.Employees,
        ["RdWan"] = figures.RdWan,
        ["EnergyTce"] = figures.EnergyTce,
    };

    /// <summary>The figures as parameters by their names, plus the statement's own.</summary>
    private static DynamicParameters Parameters(LandFigures figures, object more)
    {
        var parameters = new DynamicParameters(figures);
        parameters.AddDynamicParams(more);
        return parameters;
    }

    private sealed class EnterpriseRow
    {
        public long Id { get; set; }
        public string Uscc { get; set; } = "";
    }

    private sealed class StoredRecord : LandFiguresRow
    {
        public long Id { get; set; }
    }

    internal static class Sql
    {
        public const string LocalEnterprises = "SELECT Id, Uscc FROM Enterprises WHERE Kind = 'local'";

        public const string KindOf = "SELECT Kind FROM Enterprises WHERE Uscc = @Uscc";

        public const string RecordsOfYear = """
            SELECT Id, EnterpriseId, LandMu, OutputWan, TaxWan, InvestmentWan, Employees, RdWan, EnergyTce
            FROM LandRecords
            WHERE Year = @Year
            """;

        public const string Insert = """
            INSERT INTO LandRecords (EnterpriseId, Year, LandMu, OutputWan, TaxWan, InvestmentWan, Employees, RdWan, EnergyTce, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@EnterpriseId, @Year, @LandMu, @OutputWan, @TaxWan, @InvestmentWan, @Employees, @RdWan, @EnergyTce, @Now, @Now)
            """;

        public const string Update = """
            UPDATE LandRecords
            SET LandMu = @LandMu, OutputWan = @OutputWan, TaxWan = @TaxWan, InvestmentWan = @InvestmentWan,
                Employees = @Employees, RdWan = @RdWan, EnergyTce = @EnergyTce, UpdatedAtUtc = @Now
            WHERE Id = @Id
            """;
    }
}
