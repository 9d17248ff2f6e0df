using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>An overdue coordination matter as the digest lists it.</summary>
public sealed class MatterItem
{
    public string Code { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Category { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public string Department { get; init; } = string.Empty;

    public string Person { get; init; } = string.Empty;

    /// <summary>The department and/or person responsible.</summary>
    public string Responsible => string.Join(" / ", new[] { Department, Person }.Where(v => v.Length > 0));

    public DateOnly DueOn { get; init; }

    public string OwnerName { get; init; } = string.Empty;
}

/// <summary>
/// The digest's overdue coordination matters (Domain/Projects/CoordinationMatters) as of the end of the week, like its
/// overdue follow-ups: the project owner's (Mine), or every project's for leaders and administrators (All).
/// </summary>
public static class MatterDigest
{
    internal static class Sql
    {
        private const string Select = """
            SELECT p.Code, p.Title, m.Category, m.Description, m.DueOn, o.DisplayName AS OwnerName,
                   COALESCE(m.Department, '') AS Department, COALESCE(m.ResponsiblePerson, '') AS Person
            """;

        private const string From = """

            FROM CoordinationMatters m
            JOIN Projects p ON p.Id = m.ProjectId
            JOIN Users o ON o.Id = p.OwnerUserId
            WHERE
            """ + " " + CoordinationMatters.OverdueOn;

        private const string OrderBy = "m.DueOn, m.Id";

        public const string OverdueAll = Select + From + " ORDER BY " + OrderBy + " " + SqlText.Paging;

        /// <summary>Every owner's first overdue matters, numbered per owner and carrying the owner's total
        /// (Digest/DigestSections reads a section for all owners at once).</summary>
        public const string OverdueByOwner =
            "SELECT x.OwnerUserId, x.Total, x.Code, x.Title, x.Category, x.Description, x.DueOn, x.OwnerName, x.Department, x.Person FROM (\n" + Select
            + ", p.OwnerUserId, COUNT(*) OVER (PARTITION BY p.OwnerUserId) AS Total, ROW_NUMBER() OVER (PARTITION BY p.OwnerUserId ORDER BY " + OrderBy + ") AS Position"
            + From + "\n) x WHERE x.Position <= @Take ORDER BY x.OwnerUserId, x.Position";

        public const string OverdueAllCount = "SELECT COUNT(*)" + From;
    }
}
