using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Features.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports.Briefs;

/// <summary>Everything a prospect brief (招商项目简报) shows, read from the project tables (0002, 0003).</summary>
public sealed class BriefData
{
    public required BriefProject Project { get; init; }
    public required EnterpriseFields Enterprise { get; init; }
    public required IReadOnlyList<string> Qualifications { get; init; }
    public required IReadOnlyList<BriefContact> Contacts { get; init; }
    public required IReadOnlyList<BriefNode> Nodes { get; init; }
    public required IReadOnlyList<BriefStageChange> Stages { get; init; }
    public required IReadOnlyList<BriefActivity> Activities { get; init; }
    public required IReadOnlyList<BriefNextStep> NextSteps { get; init; }
    public required IReadOnlyList<BriefComment> Comments { get; init; }

    /// <summary>万元 per 亩, or null without land.</summary>
    public static decimal? PerMu(decimal? amount, decimal? landMu) =>
        amount is { } a && landMu is { } mu && mu > 0 ? Math.Round(a / mu, 2) : null;

    public static async Task<BriefData?> LoadAsync(IDb db, string projectCode, CancellationToken ct)
    {
        var project = await db.QuerySingleOrDefaultAsync<BriefProject>(Sql.Project, new { Code = projectCode }, ct);
        if (project is null)
        {
            return null;
        }

        var byProject = new { ProjectId = project.Id, Skip = 0, Take = 12 };
        var byEnterprise = new { project.EnterpriseId };
        return new BriefData
        {
            Project = project,
            Enterprise = await db.QuerySingleOrDefaultAsync<EnterpriseFields>(Sql.Enterprise, byEnterprise, ct)
                ?? throw new InvalidOperationException($"Project {project.Code} points at enterprise {project.EnterpriseId}, which is missing."),
            Qualifications = await db.QueryAsync<string>(Sql.Qualifications, byEnterprise, ct),
            Contacts = await db.QueryAsync<BriefContact>(Sql.Contacts, byEnterprise, ct),
            Nodes = await db.QueryAsync<BriefNode>(Sql.Nodes, byProject, ct),
            Stages = await db.QueryAsync<BriefStageChange>(Sql.Stages, byProject, ct),
            Activities = await db.QueryAsync<BriefActivity>(Sql.Activities, byProject, ct),
            NextSteps = await db.QueryAsync<BriefNextStep>(Sql.NextSteps, byProject, ct),
            Comments = await db.QueryAsync<BriefComment>(Sql.Comments, new { ProjectId = project.Id, Skip = 0, Take = 5 }, ct),
        };
    }

    internal static class Sql
    {
        public const string Project = """
            SELECT p.Id, p.Code, p.Title, p.Stage, p.Source, p.Priority, p.PlannedInvestmentWan, p.LandMu,
                   p.ExpectedOutputWan, p.ExpectedTaxWan, p.SignedOn, p.ContractedInvestmentWan, p.StageReason,
                   p.Description, p.LastActivityOn, p.CreatedAtUtc, p.TeamId, p.OwnerUserId,
                   o.DisplayName AS OwnerName, o.Email AS OwnerEmail, t.Name AS TeamName, p.EnterpriseId
            FROM Projects p
            JOIN Users o ON o.Id = p.OwnerUserId
            LEFT JOIN Teams t ON t.Id = p.TeamId
            WHERE p.Code = @Code
            """;

        public const string Enterprise = """
            SELECT Uscc, Name, Kind, Province, City, District, IndustryCode, RegisteredCapitalWan, AnnualRevenueWan, Employees,
                   MainProducts, Website
            FROM Enterprises
            WHERE Id = @EnterpriseId
            """;

        public const string Qualifications =
            "SELECT Qualification FROM EnterpriseQualifications WHERE EnterpriseId = @EnterpriseId ORDER BY Qualification";

        public const string Contacts = """
            SELECT Name, Title, Phone, Email, IsPrimary FROM EnterpriseContacts
            WHERE EnterpriseId = @EnterpriseId
            ORDER BY IsPrimary DESC, SortOrder, Id
            """;

        public const string Nodes = """
            SELECT c.Code AS ChainCode, c.Name AS ChainName, c.NameEn AS ChainNameEn, n.Code AS NodeCode, n.Name AS NodeName,
                   n.NameEn AS NodeNameEn, n.Segment, n.IsKey, n.Description,
                   (SELECT COUNT(*) FROM EnterpriseNodes en JOIN Enterprises le ON le.Id = en.EnterpriseId
                    WHERE en.NodeId = n.Id AND le.Kind = 'local') AS LocalCount,
                   (SELECT COUNT(*) FROM ProjectNodes op JOIN Projects other ON other.Id = op.ProjectId
                    WHERE op.NodeId = n.Id AND other.Id <> @ProjectId
                      AND other.Stage IN
            """ + ProjectStages.ActiveList + """
            ) AS OtherProjects
            FROM ProjectNodes pn
            JOIN ChainNodes n ON n.Id = pn.NodeId
            JOIN Chains c ON c.Id = n.ChainId
            WHERE pn.ProjectId = @ProjectId
            ORDER BY c.Code, n.SortOrder, n.Code
            """;

        public const string Stages = """
            SELECT s.FromStage, s.ToStage, s.Note, s.ChangedAtUtc, u.DisplayName AS ChangedBy
            FROM ProjectStageChanges s
            LEFT JOIN Users u ON u.Id = s.ChangedByUserId
            WHERE s.ProjectId = @ProjectId
            ORDER BY s.ChangedAtUtc DESC, s.Id DESC
            """ + " " + SqlText.Paging;

        public const string Activities = """
            SELECT a.Kind, a.OccurredOn, a.Participants, a.Summary, a.NextStep, a.NextStepDueOn, u.DisplayName AS CreatedBy
            FROM Activities a
            LEFT JOIN Users u ON u.Id = a.CreatedByUserId
            WHERE a.ProjectId = @ProjectId
            ORDER BY a.OccurredOn DESC, a.Id DESC
            """ + " " + SqlText.Paging;

        public const string NextSteps = """
            SELECT a.NextStep, a.NextStepDueOn, a.Kind, a.OccurredOn
            FROM Activities a
            WHERE a.ProjectId = @ProjectId AND a.NextStep IS NOT NULL AND a.NextStepDoneAtUtc IS NULL
            ORDER BY a.NextStepDueOn, a.Id
            """ + " " + SqlText.Paging;

        public const string Comments = """
            SELECT c.Body, c.CreatedAtUtc, u.DisplayName AS Author
            FROM ProjectComments c
            LEFT JOIN Users u ON u.Id = c.AuthorUserId
            WHERE c.ProjectId = @ProjectId
            ORDER BY c.CreatedAtUtc DESC, c.Id DESC
            """ + " " + SqlText.Paging;
    }
}

/// <summary>The project part of a brief; its enterprise is <see cref="BriefData.Enterprise"/>.</summary>
public sealed record BriefProject : ProjectFields
{
    public long Id { get; set; }
    public string Code { get; set; } = string.Empty;
    public string Stage { get; set; } = string.Empty;
    public string Source { get; set; } = string.Empty;
    public int Priority { get; set; }
    public DateOnly? SignedOn { get; set; }
    public decimal? ContractedInvestmentWan { get; set; }
    public string? StageReason { get; set; }
    public string? Description { get; set; }
    public DateOnly? LastActivityOn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public long? TeamId { get; set; }
    public long OwnerUserId { get; set; }
    public string OwnerName { get; set; } = string.Empty;
    public string OwnerEmail { get; set; } = string.Empty;
    public string? TeamName { get; set; }
    public long EnterpriseId { get; set; }
}

public sealed class BriefContact
{
    public string Name { get; set; } = string.Empty;
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool IsPrimary { get; set; }
}

public sealed class BriefNode
{
    public string ChainCode { get; set; } = string.Empty;
    public string ChainName { get; set; } = string.Empty;
    public string? ChainNameEn { get; set; }
    public string NodeCode { get; set; } = string.Empty;
    public string NodeName { get; set; } = string.Empty;
    public string? NodeNameEn { get; set; }
    public string Segment { get; set; } = string.Empty;
    public bool IsKey { get; set; }
    public string? Description { get; set; }
    public int LocalCount { get; set; }
    public int OtherProjects { get; set; }
}

public sealed class BriefStageChange
{
    public string? FromStage { get; set; }
    public string ToStage { get; set; } = string.Empty;
    public string? Note { get; set; }
    public DateTime ChangedAtUtc { get; set; }
    public string? ChangedBy { get; set; }
}

public sealed class BriefActivity
{
    public string Kind { get; set; } = string.Empty;
    public DateOnly OccurredOn { get; set; }
    public string? Participants { get; set; }
    public string Summary { get; set; } = string.Empty;
    public string? NextStep { get; set; }
    public DateOnly? NextStepDueOn { get; set; }
    public string? CreatedBy { get; set; }
}

public sealed class BriefNextStep
{
    public string NextStep { get; set; } = string.Empty;
    public DateOnly? NextStepDueOn { get; set; }
    public string Kind { get; set; } = string.Empty;
    public DateOnly OccurredOn { get; set; }
}

public sealed class BriefComment
{
    public string Body { get; set; } = string.Empty;
    public DateTime CreatedAtUtc { get; set; }
    public string? Author { get; set; }
}
