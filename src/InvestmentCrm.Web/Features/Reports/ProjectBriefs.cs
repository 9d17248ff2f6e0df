using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports;

/// <summary>The briefs of one project and the requests still in progress or failed, for _ProjectBriefs.cshtml.</summary>
public sealed class ProjectBriefs(IDb db)
{
    public async Task<Result> LoadAsync(string projectCode, CancellationToken ct = default)
    {
        var args = new { Code = projectCode, Skip = 0, Take = 10 };
        return new Result(
            projectCode,
            await db.QueryAsync<DocumentRow>(Sql.Documents, args, ct),
            await db.QueryAsync<RequestRow>(Sql.OpenRequests, args, ct));
    }

    public sealed record Result(string ProjectCode, IReadOnlyList<DocumentRow> Documents, IReadOnlyList<RequestRow> Requests);

    public sealed class RequestRow
    {
        public DateTime RequestedAtUtc { get; set; }
        public string Status { get; set; } = string.Empty;
        public string TriggeredBy { get; set; } = string.Empty;
        public string? Error { get; set; }
    }

    internal static class Sql
    {
        public const string Documents = """
            SELECT d.Id, d.Kind, d.Subject, d.Title, d.Culture, d.SizeBytes, d.GeneratedAtUtc, d.TriggeredBy, u.DisplayName AS GeneratedBy
            FROM Documents d
            LEFT JOIN Users u ON u.Id = d.GeneratedByUserId
            WHERE d.Kind = 'brief' AND d.Subject = @Code
            ORDER BY d.GeneratedAtUtc DESC, d.Id DESC
            """ + " " + SqlText.Paging;

        public const string OpenRequests = """
            SELECT r.RequestedAtUtc, r.Status, r.TriggeredBy, r.Error
            FROM DocumentRequests r
            WHERE r.Kind = 'brief' AND r.Subject = @Code AND r.Status <> 'done'
            ORDER BY r.RequestedAtUtc DESC, r.Id DESC
            """ + " " + SqlText.Paging;
    }
}
