namespace InvestmentCrm.Web.Domain.Land;

/// <summary>A-D: 优先支持 (priority support), 鼓励提升 (encourage to improve), 帮扶转型 (help to transform),
/// 整治淘汰 (rectify or phase out).</summary>
public enum LandGrade
{
    A,
    B,
    C,
    D,
}

/// <summary>The scored indicators, in the order they are shown. Investment intensity is shown but not scored.</summary>
public enum LandIndicator
{
    Tax,
    Output,
    Labour,
    Rd,
    Energy,
}

/// <summary>One enterprise-year as recorded: land in 亩, money in 万元, energy in tonnes of standard coal.</summary>
public sealed record LandFigures(
    long EnterpriseId,
    decimal LandMu,
    decimal OutputWan,
    decimal TaxWan,
    decimal? InvestmentWan,
    int? Employees,
    decimal? RdWan,
    decimal? EnergyTce);

/// <summary>
/// The per-mu indicators of one enterprise-year. An indicator whose input is missing (or whose denominator is 0) is
/// null: labour productivity needs employees, R&amp;D intensity needs R&amp;D spending and output, output per tonne
/// of standard coal needs energy use.
/// </summary>
public sealed record LandIndicators(
    decimal TaxPerMu,
    decimal OutputPerMu,
    decimal? InvestmentPerMu,
    decimal? LabourProductivity,
    decimal? RdIntensity,
    decimal? OutputPerTce)
{
    /// <summary>亩均税收 = tax / land (万元/亩), 亩均产值 = output / land (万元/亩), 投资强度 = investment / land (万元/亩),
    /// labour productivity = output / employees (万元/人), R&amp;D intensity = R&amp;D / output (a fraction),
    /// output per tce = output / energy (万元/吨标煤).</summary>
    public static LandIndicators Of(LandFigures f) => new(
        f.TaxWan / f.LandMu,
        f.OutputWan / f.LandMu,
        f.InvestmentWan / f.LandMu,
        f.Employees is > 0 ? f.OutputWan / f.Employees.Value : null,
        f.RdWan is { } rd && f.OutputWan > 0 ? rd / f.OutputWan : null,
        f.EnergyTce is > 0 ? f.OutputWan / f.EnergyTce.Value : null);

    public decimal? Scored(LandIndicator indicator) => indicator switch
    {
        LandIndicator.Tax => TaxPerMu,
        LandIndicator.Output => OutputPerMu,
        LandIndicator.Labour => LabourProductivity,
        LandIndicator.Rd => RdIntensity,
        LandIndicator.Energy => OutputPerTce,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
    };
}

/// <summary>Weights of the scored indicators (summing to 1), the ratio cap and the grade shares (summing to 1).</summary>
public sealed record LandGradingSettings(
    decimal WeightTax,
    decimal WeightOutput,
    decimal WeightLabour,
    decimal WeightRd,
    decimal WeightEnergy,
    decimal RatioCap,
    decimal ShareA,
    decimal ShareB,
    decimal ShareC,
    decimal ShareD,
    bool FreeableIncludesC = false)
{
    public static LandGradingSettings Default { get; } = new(0.4m, 0.3m, 0.1m, 0.1m, 0.1m, 3m, 0.2m, 0.5m, 0.2m, 0.1m);

    public const decimal MaxCap = 10m;

    public decimal Weight(LandIndicator indicator) => indicator switch
    {
        LandIndicator.Tax => WeightTax,
        LandIndicator.Output => WeightOutput,
        LandIndicator.Labour => WeightLabour,
        LandIndicator.Rd => WeightRd,
        LandIndicator.Energy => WeightEnergy,
        _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
    };

    /// <summary>What is wrong with these settings, as (field, UI-string key) pairs; empty when they can be used.</summary>
    public IReadOnlyList<(string Field, string Key)> Problems()
    {
        var problems = new List<(string, string)>();
        foreach (var (field, weight) in new[] { ("WeightTax", WeightTax), ("WeightOutput", WeightOutput), ("WeightLabour", WeightLabour), ("WeightRd", WeightRd), ("WeightEnergy", WeightEnergy) })
        {
            if (weight is < 0 or > 1)
            {
                problems.Add((field, "Land.Settings.Error.WeightRange"));
            }
        }

        if (WeightTax + WeightOutput + WeightLabour + WeightRd + WeightEnergy != 1m)
        {
            problems.Add(("Weights", "Land.Settings.Error.WeightSum"));
        }

        if (RatioCap is < 1 or > MaxCap)
        {
            problems.Add(("RatioCap", "Land.Settings.Error.CapRange"));
        }

        foreach (var (field, share) in new[] { ("ShareA", ShareA), ("ShareB", ShareB), ("ShareC", ShareC), ("ShareD", ShareD) })
        {
            if (share is < 0 or > 1)
            {
                problems.Add((field, "Land.Settings.Error.ShareRange"));
            }
        }

        if (ShareA + ShareB + ShareC + ShareD != 1m)
        {
            problems.Add(("Shares", "Land.Settings.Error.ShareSum"));
        }

        return problems;
    }
}

/// <summary>One graded enterprise-year. <see cref="Ratios"/> holds each scored indicator's value divided by the
/// year's median, capped; an indicator that is missing (or has no usable median) is absent from it.</summary>
public sealed record GradedEnterprise(
    LandFigures Figures,
    LandIndicators Indicators,
    IReadOnlyDictionary<LandIndicator, decimal> Ratios,
    decimal Score,
    int Rank,
    LandGrade Grade);

/// <summary>The graded year: every enterprise, best first, and the medians the ratios were taken against (null: no
/// enterprise has that indicator, or its median is 0, so it is left out of every score that year).</summary>
public sealed record LandGradingResult(
    IReadOnlyList<GradedEnterprise> Enterprises,
    IReadOnlyDictionary<LandIndicator, decimal?> Medians,
    LandGradingSettings Settings);

/// <summary>
/// 亩均论英雄 grading (the default model of the issue, weights/cap/shares configurable):
/// <list type="number">
/// <item>Each scored indicator is divided by the year's median of that indicator over the enterprises that have it,
/// and capped at <see cref="LandGradingSettings.RatioCap"/>. A median of 0 (half or more of the enterprises at 0)
/// gives no benchmark: the indicator is then left out of every score that year.</item>
/// <item>Score = Σ wᵢ·ratioᵢ / Σ wᵢ over the indicators the enterprise has, i.e. a missing optional value (no energy
/// figure, say) neither counts as 0 nor as average: its weight is spread over the present indicators in proportion
/// to their weights. Tax and output are always present. The score is rounded to 3 decimals, as it is shown.</item>
/// <item>Enterprises are ranked by score, best first; equal (rounded) scores share the best rank among them
/// (competition ranking 1, 2, 2, 4), so ties always get the same grade — the better one.</item>
/// <item>Rank r of n gets the grade of the band where its position starts: A when (r−1) &lt; n·shareA, B when
/// (r−1) &lt; n·(shareA+shareB), C when (r−1) &lt; n·(shareA+shareB+shareC), else D. So a single enterprise is A;
/// 14 enterprises split 3/7/3/1, 10 split 2/5/2/1. With 10 or more enterprises and shareD &gt; 0 the last rank is
/// always D — unless it is tied with a better position, in which case the tie rule wins.</item>
/// </list>
/// </summary>
public static class LandGrading
{
    public const int ScoreDecimals = 3;

    public const int MinEnterprisesForForcedD = 10;

    public static IReadOnlyList<LandIndicator> ScoredIndicators { get; } = Enum.GetValues<LandIndicator>();

    public static LandGradingResult Grade(IReadOnlyList<LandFigures> figures, LandGradingSettings settings)
    {
        var indicators = figures.Select(LandIndicators.Of).ToList();
        var medians = ScoredIndicators.ToDictionary(
            indicator => indicator,
            indicator => Median(indicators.Select(i => i.Scored(indicator)).OfType<decimal>().ToList()));

        var scored = new List<(LandFigures Figures, LandIndicators Indicators, Dictionary<LandIndicator, decimal> Ratios, decimal Score)>();
        for (var i = 0; i < figures.Count; i++)
        {
            var ratios = new Dictionary<LandIndicator, decimal>();
            decimal weighted = 0, weights = 0;
            foreach (var indicator in ScoredIndicators)
            {
                if (indicators[i].Scored(indicator) is not { } value || medians[indicator] is not > 0)
                {
                    continue;
                }

                var ratio = Math.Min(settings.RatioCap, value / medians[indicator]!.Value);
                ratios[indicator] = ratio;
                var weight = settings.Weight(indicator);
                weighted += weight * ratio;
                weights += weight;
            }

            var score = weights > 0 ? Math.Round(weighted / weights, ScoreDecimals, MidpointRounding.AwayFromZero) : 0m;
            scored.Add((figures[i], indicators[i], ratios, score));
        }

        var ordered = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Figures.EnterpriseId).ToList();
        var bands = Bands(ordered.Count, settings);
        var graded = new List<GradedEnterprise>(ordered.Count);
        var rank = 0;
        for (var position = 1; position <= ordered.Count; position++)
        {
            var item = ordered[position - 1];
            if (position == 1 || item.Score != ordered[position - 2].Score)
            {
                rank = position;
            }

            graded.Add(new GradedEnterprise(item.Figures, item.Indicators, item.Ratios, item.Score, rank, bands[rank - 1]));
        }

        return new LandGradingResult(graded, medians, settings);
    }

    /// <summary>The grade of each position 1..n (index 0 = position 1), before ties are applied.</summary>
    public static IReadOnlyList<LandGrade> Bands(int n, LandGradingSettings settings)
    {
        var grades = new LandGrade[n];
        for (var position = 1; position <= n; position++)
        {
            decimal start = position - 1;
            grades[position - 1] =
                start < n * settings.ShareA ? LandGrade.A
                : start < n * (settings.ShareA + settings.ShareB) ? LandGrade.B
                : start < n * (settings.ShareA + settings.ShareB + settings.ShareC) ? LandGrade.C
                : LandGrade.D;
        }

        if (n >= MinEnterprisesForForcedD && settings.ShareD > 0)
        {
            grades[n - 1] = LandGrade.D;
        }

        return grades;
    }

    /// <summary>The middle value, or the mean of the two middle values; null for no values.</summary>
    public static decimal? Median(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
