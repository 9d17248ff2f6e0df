using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Projects;

/// <summary>One project as the detail, edit and board pages read it, always through <see cref="ProjectScope"/>:
/// a project the user may not see is simply not found.</summary>
public sealed record ProjectDetail : ProjectFields
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public long EnterpriseId { get; set; }
    public string EnterpriseName { get; set; } = "";
    public string Uscc { get; set; } = "";
    public string EnterpriseKind { get; set; } = "";
    public string Stage { get; set; } = "";
    public string Source { get; set; } = "";
    public long OwnerUserId { get; set; }
    public string OwnerName { get; set; } = "";
    public long? TeamId { get; set; }
    public string? TeamName { get; set; }
    public int Priority { get; set; }
    public DateOnly? SignedOn { get; set; }
    public decimal? ContractedInvestmentWan { get; set; }
    public string? StageReason { get; set; }
    public string? Description { get; set; }
    public DateOnly? LastActivityOn { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public HealthColor Health(ProjectLookups lookups) => lookups.Health(Stage, LastActivityOn, CreatedAtUtc);

    public static async Task<ProjectDetail?> LoadAsync(IDb db, string code, ProjectScope scope, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ProjectDetail>(Sql.ByCode, scope.AddTo(new { Code = code }), ct);

    public static async Task<IReadOnlyList<NodeOption>> NodesAsync(IDb db, long projectId, CancellationToken ct) =>
        await db.QueryAsync<NodeOption>(Sql.Nodes, new { ProjectId = projectId }, ct);

    internal static class Sql
    {
        public const string ByCode = """
            SELECT p.Id, p.Code, p.Title, p.EnterpriseId, e.Name AS EnterpriseName, e.Uscc, e.Kind AS EnterpriseKind, p.Stage, p.Source,
                   p.OwnerUserId, u.DisplayName AS OwnerName, p.TeamId, t.Name AS TeamName, p.Priority, p.PlannedInvestmentWan, p.LandMu,
                   p.ExpectedOutputWan, p.ExpectedTaxWan, p.SignedOn, p.ContractedInvestmentWan, p.StageReason, p.Description,
                   p.LastActivityOn, p.Version, p.CreatedAtUtc, p.UpdatedAtUtc
            FROM Projects p
            JOIN Enterprises e ON e.Id = p.EnterpriseId
            JOIN Users u ON u.Id = p.OwnerUserId
            LEFT JOIN Teams t ON t.Id = p.TeamId
            WHERE p.Code = @Code AND 
            """ + ProjectScope.Filter;

        public const string Nodes = """
            SELECT n.Id, c.Code AS ChainCode, c.Name AS ChainName, c.NameEn AS ChainNameEn, n.Code AS NodeCode, n.Name, n.NameEn
            FROM ProjectNodes pn
            JOIN ChainNodes n ON n.Id = pn.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE pn.ProjectId = @ProjectId
            ORDER BY c.Code, n.SortOrder, n.Code
            """;
    }
}
