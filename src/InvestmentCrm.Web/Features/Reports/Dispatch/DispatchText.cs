using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>How the page and the PDF write the report's figures, so both say the same.</summary>
public static class DispatchText
{
    /// <summary>The rows a reader gets, in the order shown: each team, then the total.</summary>
    public static IEnumerable<DispatchRow> RowsWithTotal(DispatchReport report) => [.. report.Teams, report.Total];

    /// <summary>The definitions printed with the report: the period rule, each figure and rate, targets, health, matters.</summary>
    public static readonly IReadOnlyList<string> RuleKeys =
    [
        "Dispatch.Rule.Period", "Dispatch.Rule.Leads", "Dispatch.Rule.SigningRate", "Dispatch.Rule.StartingRate",
        "Dispatch.Rule.ProductionRate", "Dispatch.Rule.NoRate", "Dispatch.Rule.Targets", "Dispatch.Rule.Stalled", "Dispatch.Rule.Matters",
    ];

    public static string Percent(decimal? value) =>
        value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : Display.Empty;

    public static string Team(IStringLocalizer l, DispatchReport report, DispatchRow row) =>
        ReferenceEquals(row, report.Total) ? l[report.IsBureau ? "Dispatch.Bureau" : "Dispatch.MyTotal"].Value
        : row.TeamName ?? l["Dispatch.NoTeam"].Value;

    /// <summary>A yearly target and how far the year to date has come, or "no target" in words.</summary>
    public static string Target(IStringLocalizer l, Display show, decimal? target, decimal? progress) =>
        target is > 0 ? l["Dispatch.TargetOf", show.Wan(target), Percent(progress)].Value : l["Dispatch.NoTarget"].Value;

    public static string Department(IStringLocalizer l, DepartmentMatters row) =>
        row.Department.Length == 0 ? l["Dispatch.NoDepartment"].Value : row.Department;

    public static string Stage(IStringLocalizer l, string stage) => l["Projects.Stage." + stage].Value;

    public static string Health(IStringLocalizer l, HealthColor color) => l["Dispatch.Health." + color].Value;
}
