using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.SavedViews;

/// <summary>The saved views each reader sees above a list (the tabs of every /projects and /enterprises page), kept on
/// this node (a singleton) with the <see cref="DataVersions"/> stamp of <see cref="ReadsFrom"/>: a view saved,
/// renamed, shared or deleted, or an owner renamed, on any node, makes the next page read them again. The lists are
/// shared between requests: nothing may change them.</summary>
public sealed class SavedViewTabs
{
    /// <summary>The views, and their owners' names on shared views.</summary>
    public static readonly IReadOnlyList<string> ReadsFrom = [DataVersions.SavedViews, DataVersions.Users];

    public VersionedCache<(long UserId, string List), IReadOnlyList<SavedView>> Views { get; } = new();
}
