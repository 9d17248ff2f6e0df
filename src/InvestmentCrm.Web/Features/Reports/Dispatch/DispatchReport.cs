using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>
/// The monthly dispatch report (月度调度报告) as the page, the PDF and the digest's attachment show it: one row per
/// team and the total of the reader's scope (the bureau for Leaders and Admins), the projects that moved in the month,
/// the stalled ones (三色 red and yellow, as of <see cref="AsOf"/>) and the open coordination matters by department.
/// </summary>
public sealed record DispatchReport(
    DispatchMonth Month,
    DateOnly AsOf,
    bool IsBureau,
    IReadOnlyList<DispatchRow> Teams,
    DispatchRow Total,
    long MovedCount,
    IReadOnlyList<MovedProject> Moved,
    long RedCount,
    long YellowCount,
    IReadOnlyList<StalledProject> Stalled,
    IReadOnlyList<DepartmentMatters> Matters)
{
    /// <summary>How many moved and stalled projects are listed; the counts above the lists are complete.</summary>
    public const int ListedProjects = 100;
}

/// <summary>A team's (or the total's) figures: the month, the year to date and the yearly targets (null: none set).</summary>
public sealed record DispatchRow(long? TeamId, string? TeamName, DispatchCounts Month, DispatchCounts YearToDate, decimal? SigningTargetWan, decimal? FundsTargetWan)
{
    public ConversionRates MonthRates => DispatchRules.Rates(Month);

    public ConversionRates YearRates => DispatchRules.Rates(YearToDate);

    public decimal? SigningProgress => DispatchRules.Progress(YearToDate.SignedWan, SigningTargetWan);

    public decimal? FundsProgress => DispatchRules.Progress(YearToDate.FundsWan, FundsTargetWan);
}

/// <summary>A stage change in the month.</summary>
public sealed class MovedProject
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public string FromStage { get; set; } = "";
    public string ToStage { get; set; } = "";
    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>A red or yellow project (<see cref="ProjectHealth"/>) and who owns it.</summary>
public sealed class StalledProject
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public string? TeamName { get; set; }
    public string Stage { get; set; } = "";
    public DateOnly? LastActivityOn { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public bool HasOverdueMatter { get; set; }
    public HealthColor Health { get; set; }
}

/// <summary>A department's unresolved coordination matters and how many of them are overdue.</summary>
public sealed class DepartmentMatters
{
    /// <summary>Empty: matters given to a person without a department.</summary>
    public string Department { get; set; } = "";
    public long OpenCount { get; set; }
    public long Overdue { get; set; }
}
