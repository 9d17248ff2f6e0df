using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>The figures of a LandRecords row as Dapper reads them; the rows that read more columns extend it.</summary>
internal class LandFiguresRow
{
    public long EnterpriseId { get; set; }
    public decimal LandMu { get; set; }
    public decimal OutputWan { get; set; }
    public decimal TaxWan { get; set; }
    public decimal? InvestmentWan { get; set; }
    public int? Employees { get; set; }
    public decimal? RdWan { get; set; }
    public decimal? EnergyTce { get; set; }

    public LandFigures ToFigures() => new(EnterpriseId, LandMu, OutputWan, TaxWan, InvestmentWan, Employees, RdWan, EnergyTce);
}

/// <summary>A graded enterprise with what the pages show beside it.</summary>
public sealed record LandRow(GradedEnterprise Graded, string Name, string Uscc, long? ParkId, string? ParkName)
{
    public long EnterpriseId => Graded.Figures.EnterpriseId;
}

/// <summary>A graded year: the rows best first, the medians and the settings used.</summary>
public sealed record LandYear(int Year, IReadOnlyList<LandRow> Rows, LandGradingResult Result)
{
    public bool IsEmpty => Rows.Count == 0;
}

public sealed record StoredLandSettings(LandGradingSettings Settings, int Version, DateTime UpdatedAtUtc);

/// <summary>
/// Grading reads every record of a year (medians and ranks need them all), so the land pages, the <c>grade</c> verb,
/// the park view and the enterprise trend share these reads. A graded year is kept in <see cref="LandGradeCache"/>
/// and reused while a cheap fingerprint of what it was computed from (records, their enterprises, parks) and the
/// settings are unchanged, so a page of a large year does not re-read and re-grade thousands of rows. The fingerprint
/// is read from the database on every call, so several web nodes never show each other stale grades.
/// </summary>
public sealed class LandQueries(IDb db, LandGradeCache cache)
{
    public async Task<StoredLandSettings> SettingsAsync(CancellationToken ct = default)
    {
        var row = await db.QuerySingleOrDefaultAsync<SettingsRow>(Sql.Settings, ct: ct);
        return row is null
            ? new StoredLandSettings(LandGradingSettings.Default, 0, DateTime.MinValue)
            : new StoredLandSettings(row.ToSettings(), row.Version, row.UpdatedAtUtc);
    }

    /// <summary>The years that have records, latest first.</summary>
    public Task<IReadOnlyList<int>> YearsAsync(CancellationToken ct = default) => db.QueryAsync<int>(Sql.Years, ct: ct);

    public async Task<LandYear> GradeAsync(int year, LandGradingSettings settings, CancellationToken ct = default)
    {
        var fingerprint = await db.QuerySingleOrDefaultAsync<Fingerprint>(Sql.Fingerprint, new { Year = year }, ct) ?? new Fingerprint();
        if (cache.TryGet(year, fingerprint, settings, out var cached))
        {
            return cached;
        }

        var graded = await GradeUncachedAsync(year, settings, ct);
        cache.Set(year, fingerprint, settings, graded);
        return graded;
    }

    private async Task<LandYear> GradeUncachedAsync(int year, LandGradingSettings settings, CancellationToken ct)
    {
        var records = await db.QueryAsync<RecordRow>(Sql.Year, new { Year = year }, ct);
        var result = LandGrading.Grade(records.Select(r => r.ToFigures()).ToList(), settings);
        var byId = records.ToDictionary(r => r.EnterpriseId);
        var rows = result.Enterprises
            .Select(g =>
            {
                var r = byId[g.Figures.EnterpriseId];
                return new LandRow(g, r.Name, r.Uscc, r.ParkId, r.ParkName);
            })
            .ToList();
        return new LandYear(year, rows, result);
    }

    public async Task<LandYear> GradeAsync(int year, CancellationToken ct = default) =>
        await GradeAsync(year, (await SettingsAsync(ct)).Settings, ct);

    /// <summary>The years an enterprise has records for, oldest first.</summary>
    public Task<IReadOnlyList<int>> YearsOfAsync(long enterpriseId, CancellationToken ct = default) =>
        db.QueryAsync<int>(Sql.YearsOf, new { EnterpriseId = enterpriseId }, ct);

    /// <summary>What a graded year depends on besides the settings; equal fingerprints mean equal grades.</summary>
    public sealed record Fingerprint
    {
        public long Records { get; init; }
        public DateTime? RecordsChangedAt { get; init; }
        public DateTime? EnterprisesChangedAt { get; init; }
        public long EnterpriseVersions { get; init; }
        public long Parks { get; init; }
        public DateTime? ParksChangedAt { get; init; }
    }

    internal sealed class SettingsRow
    {
        public decimal WeightTax { get; set; }
        public decimal WeightOutput { get; set; }
        public decimal WeightLabour { get; set; }
        public decimal WeightRd { get; set; }
        public decimal WeightEnergy { get; set; }
        public decimal RatioCap { get; set; }
        public decimal ShareA { get; set; }
        public decimal ShareB { get; set; }
        public decimal ShareC { get; set; }
        public decimal ShareD { get; set; }
        public bool FreeableIncludesC { get; set; }
        public int Version { get; set; }
        public DateTime UpdatedAtUtc { get; set; }

        // decimal(9, 4) reads back as 0.4000: normalise so settings compare and print as typed.
        public LandGradingSettings ToSettings() => new(
            Trim(WeightTax), Trim(WeightOutput), Trim(WeightLabour), Trim(WeightRd), Trim(WeightEnergy), Trim(RatioCap),
            Trim(ShareA), Trim(ShareB), Trim(ShareC), Trim(ShareD), FreeableIncludesC);

        private static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;
    }

    private sealed class RecordRow : LandFiguresRow
    {
        public string Name { get; set; } = "";
        public string Uscc { get; set; } = "";
        public long? ParkId { get; set; }
        public string? ParkName { get; set; }
    }

    internal static class Sql
    {
        public const string Settings = """
            SELECT WeightTax, WeightOutput, WeightLabour, WeightRd, WeightEnergy, RatioCap, ShareA, ShareB, ShareC, ShareD,
                   FreeableIncludesC, Version, UpdatedAtUtc
            FROM LandGradingSettings
            WHERE Id = 1
            """;

        public const string Fingerprint = """
            SELECT COUNT(*) AS Records, MAX(r.UpdatedAtUtc) AS RecordsChangedAt, MAX(e.UpdatedAtUtc) AS EnterprisesChangedAt,
                   SUM(e.Version + e.Id) AS EnterpriseVersions,
                   (SELECT COUNT(*) FROM Parks) AS Parks, (SELECT MAX(UpdatedAtUtc) FROM Parks) AS ParksChangedAt
            FROM LandRecords r
            JOIN Enterprises e ON e.Id = r.EnterpriseId
            WHERE r.Year = @Year
            """;

        public const string Years = "SELECT DISTINCT Year FROM LandRecords ORDER BY Year DESC";

        public const string YearsOf = "SELECT Year FROM LandRecords WHERE EnterpriseId = @EnterpriseId ORDER BY Year";

        public const string Year = """
            SELECT r.EnterpriseId, e.Name, e.Uscc, e.ParkId, p.Name AS ParkName, r.LandMu, r.OutputWan, r.TaxWan,
                   r.InvestmentWan, r.Employees, r.RdWan, r.EnergyTce
            FROM LandRecords r
            JOIN Enterprises e ON e.Id = r.EnterpriseId
            LEFT JOIN Parks p ON p.Id = e.ParkId
            WHERE r.Year = @Year
            """;
    }
}
