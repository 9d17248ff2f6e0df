using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Reports.Dispatch;

/// <summary>The dispatch reports on this node (a singleton), each with the <see cref="DataVersions"/> stamp of
/// <see cref="ReadsFrom"/> it was computed at. On 20,000 projects a report takes a few hundred milliseconds of SQL;
/// the month's meeting has everyone open the same one.</summary>
public sealed class DispatchCache
{
    /// <summary>Every table a report reads (team names excepted: teams are created, never renamed).</summary>
    public static readonly IReadOnlyList<string> ReadsFrom =
    [
        DataVersions.Projects, DataVersions.ProjectStageChanges, DataVersions.Activities, DataVersions.FundsInPlace,
        DataVersions.TeamTargets, DataVersions.CoordinationMatters, DataVersions.Users,
    ];

    public VersionedCache<Key, DispatchReport> Reports { get; } = new();

    /// <summary>A month, a scope as <see cref="ProjectScope.Filter"/> sees it (everyone who sees all projects shares
    /// one entry) and the day ("stalled" and "overdue" move with it).</summary>
    public sealed record Key(DispatchMonth Month, bool SeesAll, long UserId, long? TeamId, DateOnly Day)
    {
        public static Key For(DispatchMonth month, ProjectScope scope, DateOnly day) =>
            scope.SeesAll ? new(month, true, 0, null, day) : new(month, false, scope.UserId, scope.TeamId, day);
    }
}
