using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using InvestmentCrm.Web.Domain.Gaps;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>
/// Texts rendered from one analysis — the API's JSON, the page's diagram — kept for as long as that analysis object
/// lives, per language. <see cref="GapAnalyser"/> hands out the same object while nothing the analysis reads has
/// changed and a new one after any such write, so a text tied to the object can never outlive its data; rendering
/// the 500 nodes' reasons cost more than reading the cached analysis.
/// </summary>
public static class GapRenderings
{
    private static readonly ConditionalWeakTable<ChainGaps, ConcurrentDictionary<string, string>> Texts = new();

    /// <param name="kind">What is rendered, including anything besides the analysis and the culture it depends on.</param>
    public static string Get(ChainGaps chain, string kind, Func<string> render) =>
        Texts.GetValue(chain, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))
            .GetOrAdd($"{kind}|{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}", _ => render());
}
