using System.Collections.Concurrent;
using InvestmentCrm.Web.Domain.Land;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>The last graded result per year on this node (a singleton); <see cref="LandQueries"/> checks it against
/// a fingerprint read from the database before using it.</summary>
public sealed class LandGradeCache
{
    private readonly ConcurrentDictionary<int, (LandQueries.Fingerprint Fingerprint, LandGradingSettings Settings, LandYear Graded)> years = new();

    public bool TryGet(int year, LandQueries.Fingerprint fingerprint, LandGradingSettings settings, out LandYear graded)
    {
        if (years.TryGetValue(year, out var entry) && entry.Fingerprint == fingerprint && entry.Settings == settings)
        {
            graded = entry.Graded;
            return true;
        }

        graded = null!;
        return false;
    }

    public void Set(int year, LandQueries.Fingerprint fingerprint, LandGradingSettings settings, LandYear graded) =>
        years[year] = (fingerprint, settings, graded);
}
