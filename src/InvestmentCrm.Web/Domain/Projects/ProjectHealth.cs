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

    /// <summary>What is wrong with these settings, each a sentence naming the setting; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (YellowDays is < 1 or > 3650)
        {
            yield return $"{Section}:YellowDays is {YellowDays}; it must be between 1 and 3650.";
        }

        // Red is the later warning: at or below yellow, no project would ever be yellow.
        if (RedDays <= YellowDays || RedDays > 3650)
        {
            yield return $"{Section}:RedDays is {RedDays}; it must be more than {Section}:YellowDays ({YellowDays}) and at most 3650.";
        }

        if (UpcomingDays is < 1 or > 365)
        {
            yield return $"{Section}:UpcomingDays is {UpcomingDays}; it must be between 1 and 365.";
        }
    }
}

/// <summary>
/// 三色预警: how long an active project has gone without a follow-up, counted from its <see cref="LastActivity"/>.
/// The same rule in SQL: <see cref="RedFilter"/>, <see cref="YellowFilter"/> and <see cref="QuietFilter"/> over
/// <c>Projects p</c>, with the parameters of <see cref="QuietCutoffs.On"/>.
/// </summary>
public static class ProjectHealth
{
    /// <summary><paramref name="lastActivityOn"/> is <see cref="LastActivity.Of"/> the project.</summary>
    public static HealthColor Of(string stage, DateOnly lastActivityOn, DateOnly today, ProjectOptions options)
    {
        if (!ProjectStages.IsActive(stage))
        {
            return HealthColor.Green;
        }

        var silentDays = today.DayNumber - lastActivityOn.DayNumber;
        return silentDays >= options.RedDays ? HealthColor.Red
            : silentDays >= options.YellowDays ? HealthColor.Yellow
            : HealthColor.Green;
    }

    /// <summary>Red: active and silent for <see cref="ProjectOptions.RedDays"/> or more.</summary>
    public const string RedFilter = "(p.Stage IN " + ProjectStages.ActiveList + " AND " + LastActivity.OnOrBeforeRedOn + ")";

    /// <summary>Yellow: active and silent for <see cref="ProjectOptions.YellowDays"/> or more, but not yet red.</summary>
    public const string YellowFilter =
        "(p.Stage IN " + ProjectStages.ActiveList + " AND " + LastActivity.OnOrBeforeYellowOn + " AND " + LastActivity.AfterRedOn + ")";

    /// <summary>Yellow or red.</summary>
    public const string QuietFilter = "(p.Stage IN " + ProjectStages.ActiveList + " AND " + LastActivity.OnOrBeforeYellowOn + ")";

    /// <summary>Overdue when its due date has passed and it is not done.</summary>
    public static bool IsOverdue(DateOnly? dueOn, bool done, DateOnly today) => !done && dueOn is { } due && due < today;
}
