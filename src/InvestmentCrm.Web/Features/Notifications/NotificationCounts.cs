using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Notifications;

/// <summary>The unread counts on this node (a singleton), each with the <see cref="DataVersions"/> stamp of
/// <see cref="ReadsFrom"/> it was computed at: a write to any of those tables, by any node, makes the next page
/// recompute it, and nothing else does.</summary>
public sealed class NotificationCounts
{
    /// <summary>Every table the count reads (ProjectAssignments is written only with Projects, by its triggers).</summary>
    public static readonly IReadOnlyList<string> ReadsFrom =
    [
        DataVersions.Projects, DataVersions.Activities, DataVersions.ProjectComments, DataVersions.ProjectStageChanges,
        DataVersions.Users, DataVersions.NotificationReads,
    ];

    public VersionedCache<Key, int> Values { get; } = new();

    /// <summary>A user with the scope they had, and the day (due next steps and the window move with it).</summary>
    public sealed record Key(long UserId, long? TeamId, bool SeesAll, DateOnly Day)
    {
        public static Key For(ProjectScope scope, DateOnly day) => new(scope.UserId, scope.TeamId, scope.SeesAll, day);
    }
}
