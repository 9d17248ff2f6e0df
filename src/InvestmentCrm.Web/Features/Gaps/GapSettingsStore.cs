using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>The gap model's settings as stored (one row), with the version the editor read for conflict checks.</summary>
public sealed record StoredGapSettings(GapSettings Settings, int Version, DateTime? UpdatedAtUtc, string? UpdatedBy);

/// <summary>Reads and writes <see cref="GapSettings"/>: the defaults of docs/en/gap-model.md until an Admin saves their own.</summary>
public sealed class GapSettingsStore(IDb db, AuditLog audit, TimeProvider clock)
{
    public const long RowId = 1;

    public async Task<StoredGapSettings> LoadAsync(CancellationToken ct = default)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(Sql.Get, new { Id = RowId }, ct);
        return row is null ? new StoredGapSettings(GapSettings.Default, 0, null, null) : new StoredGapSettings(row.ToSettings(), row.Version, row.UpdatedAtUtc, row.UpdatedBy);
    }

    public async Task<GapSettings> CurrentAsync(CancellationToken ct = default) => (await LoadAsync(ct)).Settings;

    /// <summary>Saves the settings if they are valid and nobody saved since <paramref name="expectedVersion"/>
    /// (0: never saved yet); writes an audit row with the old and new values.</summary>
    public async Task<(SaveOutcome Outcome, IReadOnlyList<FieldProblem> Problems)> SaveAsync(
        GapSettings settings, int expectedVersion, long? userId, CancellationToken ct = default)
    {
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            return (SaveOutcome.Rejected, problems);
        }

        var outcome = await db.InTransactionAsync(async session =>
        {
            var existing = await session.QuerySingleOrDefaultAsync<Row>(Sql.Get, new { Id = RowId });
            var version = existing?.Version ?? 0;
            if (version != expectedVersion)
            {
                return SaveOutcome.Conflict;
            }

            var before = Values(existing?.ToSettings() ?? GapSettings.Default);
            var after = Values(settings);
            var changes = AuditLog.Diff(before, after);
            if (changes.Count == 0)
            {
                return SaveOutcome.Unchanged;
            }

            var p = settings.StageProbabilities;
            var param = new
            {
                Id = RowId,
                settings.WeightDemand,
                settings.WeightSupply,
                settings.WeightKey,
                settings.WeightStrategic,
                ProbabilityLead = p[ProjectStages.Lead],
                ProbabilityContacted = p[ProjectStages.Contacted],
                ProbabilitySiteVisit = p[ProjectStages.SiteVisit],
                ProbabilityNegotiation = p[ProjectStages.Negotiation],
                ProbabilitySigned = p[ProjectStages.Signed],
                ProbabilityStarted = p[ProjectStages.Started],
                StrategicIndustryCodes = settings.StrategicIndustryCodes.Count == 0 ? null : string.Join(';', settings.StrategicIndustryCodes),
                UpdatedByUserId = userId,
                Now = clock.GetUtcNow().UtcDateTime,
                Version = version,
            };
            var written = existing is null ? await session.ExecuteAsync(Sql.Insert, param) : await session.ExecuteAsync(Sql.Update, param);
            if (written != 1)
            {
                return SaveOutcome.Conflict;
            }

            await audit.WriteAsync(session, "GapSettings", RowId, "update", changes);
            return existing is null ? SaveOutcome.Created : SaveOutcome.Updated;
        }, ct);
        return (outcome, []);
    }

    private static Dictionary<string, object?> Values(GapSettings s)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["WeightDemand"] = s.WeightDemand,
            ["WeightSupply"] = s.WeightSupply,
            ["WeightKey"] = s.WeightKey,
            ["WeightStrategic"] = s.WeightStrategic,
            ["StrategicIndustryCodes"] = string.Join(';', s.StrategicIndustryCodes),
        };
        foreach (var stage in ProjectStages.Active)
        {
            values["Probability." + stage] = s.Probability(stage);
        }

        return values;
    }

    private sealed class Row
    {
        public decimal WeightDemand { get; set; }
        public decimal WeightSupply { get; set; }
        public decimal WeightKey { get; set; }
        public decimal WeightStrategic { get; set; }
        public decimal ProbabilityLead { get; set; }
        public decimal ProbabilityContacted { get; set; }
        public decimal ProbabilitySiteVisit { get; set; }
        public decimal ProbabilityNegotiation { get; set; }
        public decimal ProbabilitySigned { get; set; }
        public decimal ProbabilityStarted { get; set; }
        public string? StrategicIndustryCodes { get; set; }
        public int Version { get; set; }
        public DateTime UpdatedAtUtc { get; set; }
        public string? UpdatedBy { get; set; }

        public GapSettings ToSettings() => new(
            WeightDemand,
            WeightSupply,
            WeightKey,
            WeightStrategic,
            new Dictionary<string, decimal>(StringComparer.Ordinal)
            {
                [ProjectStages.Lead] = ProbabilityLead,
                [ProjectStages.Contacted] = ProbabilityContacted,
                [ProjectStages.SiteVisit] = ProbabilitySiteVisit,
                [ProjectStages.Negotiation] = ProbabilityNegotiation,
                [ProjectStages.Signed] = ProbabilitySigned,
                [ProjectStages.Started] = ProbabilityStarted,
            },
            (StrategicIndustryCodes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    internal static class Sql
    {
        public const string Get = """
            SELECT s.WeightDemand, s.WeightSupply, s.WeightKey, s.WeightStrategic, s.ProbabilityLead, s.ProbabilityContacted,
                   s.ProbabilitySiteVisit, s.ProbabilityNegotiation, s.ProbabilitySigned, s.ProbabilityStarted,
                   s.StrategicIndustryCodes, s.Version, s.UpdatedAtUtc, u.DisplayName AS UpdatedBy
            FROM GapSettings s
            LEFT JOIN Users u ON u.Id = s.UpdatedByUserId
            WHERE s.Id = @Id
            """;

        public const string Insert = """
            INSERT INTO GapSettings (Id, WeightDemand, WeightSupply, WeightKey, WeightStrategic, ProbabilityLead, ProbabilityContacted,
                ProbabilitySiteVisit, ProbabilityNegotiation, ProbabilitySigned, ProbabilityStarted, StrategicIndustryCodes, Version,
                UpdatedByUserId, UpdatedAtUtc)
            VALUES (@Id, @WeightDemand, @WeightSupply, @WeightKey, @WeightStrategic, @ProbabilityLead, @ProbabilityContacted,
                @ProbabilitySiteVisit, @ProbabilityNegotiation, @ProbabilitySigned, @ProbabilityStarted, @StrategicIndustryCodes, 1,
                @UpdatedByUserId, @Now)
            """;

        public const string Update = """
            UPDATE GapSettings
            SET WeightDemand = @WeightDemand, WeightSupply = @WeightSupply, WeightKey = @WeightKey, WeightStrategic = @WeightStrategic,
                ProbabilityLead = @ProbabilityLead, ProbabilityContacted = @ProbabilityContacted, ProbabilitySiteVisit = @ProbabilitySiteVisit,
                ProbabilityNegotiation = @ProbabilityNegotiation, ProbabilitySigned = @ProbabilitySigned, ProbabilityStarted = @ProbabilityStarted,
                StrategicIndustryCodes = @StrategicIndustryCodes, Version = Version + 1, UpdatedByUserId = @UpdatedByUserId, UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;
    }
}
