namespace InvestmentCrm.Web.Domain.Projects;

public enum HealthColor
{
    Green,
    Yellow,
    Red,
}

/// <summary>The silence thresholds of 三色预警, in days (configuration section <c>Projects</c>).</summary>
public sealed class ProjectOptions
{
    public const string Section = "Projects";

    /// <summary>No activity for this many days turns an active project yellow.</summary>
    public int YellowDays { get; set; } = 30;

    /// <summary>No activity for this many days turns it red.</summary>
    public int RedDays { get; set; } = 60;

    /// <summary>How far ahead "upcoming" follow-ups reach on the my-tasks page.</summary>
    public int UpcomingDays { get; set; } = 7;
}

/// <summary>三色预警: how long an active project has gone without a follow-up.</summary>
public static class ProjectHealth
{
    /// <summary><paramref name="lastActivityOn"/> is the last follow-up (or the creation day when there was none).</summary>
    public static HealthColor Of(string stage, DateOnly lastActivityOn, DateOnly today, ProjectOptions options)
    {
        if (!ProjectStages.Active.Contains(stage))
        {
            return HealthColor.Green;
        }

        var silentDays = today.DayNumber - lastActivityOn.DayNumber;
        return silentDays >= options.RedDays ? HealthColor.Red
            : silentDays >= options.YellowDays ? HealthColor.Yellow
            : HealthColor.Green;
    }

    /// <summary>The last-activity dates at or before which a project is yellow or red, for SQL filters.</summary>
    public static (DateOnly YellowOnOrBefore, DateOnly RedOnOrBefore) Cutoffs(DateOnly today, ProjectOptions options) =>
        (today.AddDays(-options.YellowDays), today.AddDays(-options.RedDays));

    /// <summary>Overdue when its due date has passed and it is not done.</summary>
    public static bool IsOverdue(DateOnly? dueOn, bool done, DateOnly today) => !done && dueOn is { } due && due < today;
}
