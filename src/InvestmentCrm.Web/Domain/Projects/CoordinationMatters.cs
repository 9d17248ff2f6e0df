namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>The input of a coordination matter (协调事项) as the rules see it.</summary>
public sealed record MatterInput(
    string Category,
    string Description,
    string? Department,
    string? ResponsiblePerson,
    DateOnly? DueOn,
    string Status,
    string? Resolution,
    DateOnly? ResolvedOn);

/// <summary>
/// 协调事项: what blocks a project (land, approvals, power, water, financing…), which department or person must
/// solve it, by when, and how it was solved. A matter is overdue when its deadline has passed in the app's time zone
/// and it is not resolved — the one definition, in C# (<see cref="IsOverdue"/>) and in SQL (<see cref="OverdueOn"/>),
/// that the matter list, the project's 三色 warning (<see cref="ProjectHealth"/>) and the digest use.
/// </summary>
public static class CoordinationMatters
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> Categories = ["land", "approvals", "power", "water", "financing", "other"];

    public static readonly IReadOnlyList<string> Statuses = [Open, InProgress, Resolved];

    /// <summary>Over <c>CoordinationMatters m</c>: not resolved and due before <c>@MattersDueBefore</c> (today).</summary>
    public const string OverdueOn = "(m.Status <> 'resolved' AND m.DueOn < @MattersDueBefore)";

    /// <summary><see cref="OverdueOn"/> over the alias <c>om</c>, for a sub-query inside a query that uses <c>m</c>.</summary>
    public const string OverdueOnOm = "(om.Status <> 'resolved' AND om.DueOn < @MattersDueBefore)";

    public static bool IsOverdue(DateOnly? dueOn, string status, DateOnly today) => status != Resolved && dueOn is { } due && due < today;

    /// <summary>
    /// What is wrong with a matter, as (field, UI-string key) pairs: a known category and status, someone responsible
    /// (a department or a person), a deadline — not before today for a new one — and, once resolved, the resolution
    /// and its date (not in the future, not before the matter was raised).
    /// </summary>
    public static IEnumerable<(string Field, string Key)> Problems(MatterInput input, DateOnly today, DateOnly raisedOn, bool isNew)
    {
        if (!Categories.Contains(input.Category))
        {
            yield return ("Category", "Matters.Error.UnknownCategory");
        }

        if (!Statuses.Contains(input.Status))
        {
            yield return ("Status", "Matters.Error.UnknownStatus");
        }

        if (string.IsNullOrWhiteSpace(input.Department) && string.IsNullOrWhiteSpace(input.ResponsiblePerson))
        {
            yield return ("Department", "Matters.Error.NobodyResponsible");
        }

        if (input.DueOn is null)
        {
            yield return ("DueOn", "Matters.Error.DueRequired");
        }
        else if (isNew && input.DueOn < today)
        {
            yield return ("DueOn", "Matters.Error.DueInPast");
        }

        if (input.Status == Resolved)
        {
            if (string.IsNullOrWhiteSpace(input.Resolution))
            {
                yield return ("Resolution", "Matters.Error.ResolutionRequired");
            }

            if (input.ResolvedOn is null)
            {
                yield return ("ResolvedOn", "Matters.Error.ResolvedOnRequired");
            }
            else if (input.ResolvedOn > today)
            {
                yield return ("ResolvedOn", "Matters.Error.ResolvedInFuture");
            }
            else if (input.ResolvedOn < raisedOn)
            {
                yield return ("ResolvedOn", "Matters.Error.ResolvedBeforeRaised");
            }
        }
    }
}
