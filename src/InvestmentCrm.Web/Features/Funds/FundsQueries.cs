using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>One ledger entry as the project panel, the edit and delete pages and the export read it.</summary>
public sealed class FundsRow
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public string ProjectCode { get; set; } = "";
    public DateOnly ReceivedOn { get; set; }
    public decimal AmountWan { get; set; }
    public string Kind { get; set; } = "";
    public decimal? AmountUsd { get; set; }
    public string? Note { get; set; }
    public string? CreatedByName { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public int Version { get; set; }

    public FundsInput ToInput() => new(ReceivedOn, AmountWan, Kind, AmountUsd, Note);
}

/// <summary>The reads of the funds-in-place ledger shared by the project page, the entry pages, the export and the
/// dashboard; the scoped ones go through <see cref="ProjectScope.Filter"/>.</summary>
public static class FundsQueries
{
    public static Task<IReadOnlyList<FundsRow>> ForProjectAsync(IDb db, long projectId, CancellationToken ct) =>
        db.QueryAsync<FundsRow>(Sql.ForProject, new { ProjectId = projectId }, ct);

    public static Task<FundsRow?> GetAsync(IDb db, long projectId, long id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<FundsRow>(FundsWriter.Sql.Get, new { Id = id, ProjectId = projectId }, ct);

    /// <summary>Every entry the scope may see (of one project when <paramref name="projectCode"/> is given), by
    /// project and day: the export's rows.</summary>
    public static Task<IReadOnlyList<FundsRow>> ScopedAsync(IDb db, ProjectScope scope, string? projectCode, CancellationToken ct) =>
        db.QueryAsync<FundsRow>(Sql.Scoped, scope.AddTo(new { ProjectCode = projectCode }), ct);

    /// <summary>The funds in place received in <paramref name="year"/> on the projects the scope sees, in 万元.</summary>
    public static async Task<decimal> YearWanAsync(IDb db, ProjectScope scope, int year, CancellationToken ct)
    {
        var parameters = scope.AddTo(FundsInPlace.Year(year));
        return await db.ExecuteScalarAsync<decimal?>(Sql.YearWan, parameters, ct) ?? 0m;
    }

    internal static class Sql
    {
        public const string Select = """
            SELECT f.Id, f.ProjectId, p.Code AS ProjectCode, f.ReceivedOn, f.AmountWan, f.Kind, f.AmountUsd, f.Note,
                   u.DisplayName AS CreatedByName, f.CreatedAtUtc, f.Version
            FROM FundsInPlace f
            JOIN Projects p ON p.Id = f.ProjectId
            LEFT JOIN Users u ON u.Id = f.CreatedByUserId
            """;

        public const string ForProject = Select + "\nWHERE f.ProjectId = @ProjectId\nORDER BY f.ReceivedOn DESC, f.Id DESC";

        public const string Scoped = Select + "\nWHERE " + ProjectScope.Filter + """

              AND (@ProjectCode IS NULL OR p.Code = @ProjectCode)
            ORDER BY p.Code, f.ReceivedOn, f.Kind, f.Id
            """;

        public const string YearWan = """
            SELECT SUM(f.AmountWan)
            FROM FundsInPlace f
            JOIN Projects p ON p.Id = f.ProjectId
            WHERE
            """ + " " + FundsInPlace.InPeriod + " AND " + ProjectScope.Filter;
    }
}
