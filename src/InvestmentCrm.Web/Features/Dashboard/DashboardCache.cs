using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>The dashboard's figures per scope and day on this node (a singleton), each with the
/// <see cref="DataVersions"/> stamp of <see cref="IndexModel.ReadsFrom"/> it was computed at.</summary>
public sealed class DashboardCache
{
    public VersionedCache<Key, IndexModel.Loaded> Figures { get; } = new();

    /// <summary>The signing trend per scope, day and year, with the same stamp as <see cref="Figures"/>.</summary>
    public VersionedCache<TrendKey, SigningTrend> Trends { get; } = new();

    /// <summary>A scope and day as <see cref="Key"/>, and the year shown: the day decides which months have passed.</summary>
    public sealed record TrendKey(Key Scope, int Year);

    /// <summary>A scope as <see cref="ProjectScope.Filter"/> and the target see it, and the day: everyone who sees
    /// all projects shares one entry; anyone else has their own, by user and team, so no one gets another scope's
    /// figures.</summary>
    public sealed record Key(bool SeesAll, long UserId, long? TeamId, DateOnly Day)
    {
        public static Key For(ProjectScope scope, DateOnly day) =>
            scope.SeesAll ? new(true, 0, null, day) : new(false, scope.UserId, scope.TeamId, day);
    }
}
