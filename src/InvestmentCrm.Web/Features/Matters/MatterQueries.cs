using Dapper;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Matters;

/// <summary>
/// The filters of /matters, bound from the query string. <see cref="Parameters"/> adds the project scope
/// (Domain/Projects/ProjectScope), never optional.
/// </summary>
public sealed class MatterFilter
{
    /// <summary>open, in_progress, resolved, or unresolved (open or in progress).</summary>
    public string? Status { get; set; }
    public string? Department { get; set; }
    public bool Overdue { get; set; }
    public long? Chain { get; set; }
    public long? Team { get; set; }

    public const string Unresolved = "unresolved";

    public static readonly IReadOnlyList<string> StatusChoices = [Unresolved, .. CoordinationMatters.Statuses];

    public bool Any => Status is not null || !string.IsNullOrWhiteSpace(Department) || Overdue || Chain is not null || Team is not null;

    public DynamicParameters Parameters(ProjectScope scope, DateOnly today, object? extra = null)
    {
        var parameters = scope.AddTo(extra);
        parameters.Add("Status", Status is not null && StatusChoices.Contains(Status) ? Status : null);
        parameters.Add("Department", string.IsNullOrWhiteSpace(Department) ? null : Department.Trim());
        parameters.Add("Overdue", Overdue ? 1 : 0);
        parameters.Add("Chain", Chain);
        parameters.Add("Team", Team);
        parameters.Add("MattersDueBefore", today);
        return parameters;
    }
}

/// <summary>The reads of coordination matters shared by the project page, the edit page and the list.</summary>
public static class MatterQueries
{
    public static Task<IReadOnlyList<MatterRow>> ForProjectAsync(IDb db, long projectId, CancellationToken ct) =>
        db.QueryAsync<MatterRow>(Sql.ForProject, new { ProjectId = projectId }, ct);

    public static Task<MatterRow?> GetAsync(IDb db, long projectId, long id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<MatterRow>(MatterWriter.Sql.Get, new { Id = id, ProjectId = projectId }, ct);

    /// <summary>The departments named so far, offered as suggestions (the field stays free text).</summary>
    public static Task<IReadOnlyList<string>> DepartmentsAsync(IDb db, CancellationToken ct) => db.QueryAsync<string>(Sql.Departments, ct: ct);

    internal static class Sql
    {
        public const string Select = """
            SELECT m.Id, m.ProjectId, p.Code AS ProjectCode, p.Title AS ProjectTitle, m.Category, m.Description, m.Department,
                   m.ResponsiblePerson, m.DueOn, m.Status, m.Resolution, m.ResolvedOn, r.DisplayName AS RaisedByName, m.RaisedAtUtc, m.Version
            FROM CoordinationMatters m
            JOIN Projects p ON p.Id = m.ProjectId
            LEFT JOIN Users r ON r.Id = m.RaisedByUserId
            """;

        // Unresolved first, then by deadline.
        public const string ForProject = Select + """

            WHERE m.ProjectId = @ProjectId
            ORDER BY CASE WHEN m.Status = 'resolved' THEN 1 ELSE 0 END, m.DueOn, m.Id
            """;

        public const string Departments = """
            SELECT DISTINCT Department FROM CoordinationMatters WHERE Department IS NOT NULL ORDER BY Department
            """;

        private const string Where = "\nWHERE " + ProjectScope.Filter + """

              AND (@Status IS NULL OR m.Status = @Status OR (@Status = 'unresolved' AND m.Status <> 'resolved'))
              AND (@Department IS NULL OR m.Department = @Department)
              AND (@Overdue = 0 OR
            """ + " " + CoordinationMatters.OverdueOn + """
            )
              AND (@Team IS NULL OR p.TeamId = @Team)
              AND (@Chain IS NULL OR EXISTS (SELECT 1 FROM ProjectNodes pn JOIN ChainNodes cn ON cn.Id = pn.NodeId
                                             WHERE pn.ProjectId = p.Id AND cn.ChainId = @Chain))
            """;

        public const string Count = """
            SELECT COUNT(*)
            FROM CoordinationMatters m
            JOIN Projects p ON p.Id = m.ProjectId
            """ + Where;

        public const string List = Select + Where + "\nORDER BY " + SqlText.OrderByPlaceholder + " " + SqlText.Paging;

        public const string Chains = "SELECT Id, Name FROM Chains ORDER BY Code";
    }
}
