using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>
/// What <see cref="GapAnalyser"/> keeps between requests on this node (a singleton), each value with the
/// <see cref="DataVersions"/> stamp of <see cref="GapAnalyser.ReadsFrom"/> it was computed at: the analysis of each
/// chain, shared by every reader; and the covering projects each node names, per chain and per project scope, so
/// that one reader's list is never handed to a reader of another scope.
/// </summary>
public sealed class GapCache
{
    public VersionedCache<long, ChainGaps> Analyses { get; } = new();

    public VersionedCache<ListKey, IReadOnlyDictionary<string, IReadOnlyList<CoveringProject>>> Listed { get; } = new();

    /// <summary>A chain and a scope as <see cref="ProjectScope.Filter"/> sees it: everyone who sees all projects
    /// shares one list; anyone else has their own, by user and team.</summary>
    public sealed record ListKey(long ChainId, bool SeesAll, long UserId, long? TeamId)
    {
        public static ListKey For(long chainId, ProjectScope scope) =>
            scope.SeesAll ? new(chainId, true, 0, null) : new(chainId, false, scope.UserId, scope.TeamId);
    }
}
