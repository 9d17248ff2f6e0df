using System.Globalization;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Web.Domain.Gaps;

/// <summary>
/// The gap model's tunables (docs/en/gap-model.md, "Settings"): the weights of the score's four parts and the probability
/// that a project at each active stage ends up filling the link. Admins edit them; until then <see cref="Default"/>.
/// </summary>
/// <param name="WeightDemand">w_d: weight of the unmet local demand, normalised.</param>
/// <param name="WeightSupply">w_s: weight of the local supply available to the link, normalised.</param>
/// <param name="WeightKey">w_k: weight of the key-link flag.</param>
/// <param name="WeightStrategic">w_q: weight of the share of the link's industry codes that are strategic/emerging.</param>
/// <param name="StageProbabilities">p(stage) for every stage of <see cref="ProjectStages.Active"/>.</param>
/// <param name="StrategicIndustryCodes">GB/T 4754 code prefixes counted as strategic/emerging industries.</param>
public sealed record GapSettings(
    decimal WeightDemand,
    decimal WeightSupply,
    decimal WeightKey,
    decimal WeightStrategic,
    IReadOnlyDictionary<string, decimal> StageProbabilities,
    IReadOnlyList<string> StrategicIndustryCodes)
{
    public static readonly GapSettings Default = new(
        0.6m,
        0.2m,
        0.2m,
        0m,
        new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            [ProjectStages.Lead] = 0.05m,
            [ProjectStages.Contacted] = 0.1m,
            [ProjectStages.SiteVisit] = 0.25m,
            [ProjectStages.Negotiation] = 0.5m,
            [ProjectStages.Signed] = 0.8m,
            [ProjectStages.Started] = 0.9m,
        },
        []);

    /// <summary>p(stage): 0 for in_production, on_hold, lost and anything unknown.</summary>
    public decimal Probability(string stage) => StageProbabilities.TryGetValue(stage, out var p) ? p : 0m;

    /// <summary>Every rule the settings break, as (field, resource key, arguments); empty when they are usable.</summary>
    public IReadOnlyList<FieldProblem> Validate()
    {
        var problems = new List<FieldProblem>();
        foreach (var (field, value) in new[]
                 {
                     (nameof(WeightDemand), WeightDemand), (nameof(WeightSupply), WeightSupply),
                     (nameof(WeightKey), WeightKey), (nameof(WeightStrategic), WeightStrategic),
                 })
        {
            if (value is < 0m or > 1m)
            {
                problems.Add(new(field, "Gaps.Settings.Error.WeightRange", [value]));
            }
        }

        if (WeightDemand + WeightSupply + WeightKey + WeightStrategic <= 0m)
        {
            problems.Add(new(nameof(WeightDemand), "Gaps.Settings.Error.WeightsAllZero", []));
        }

        decimal? previous = null;
        string? previousStage = null;
        foreach (var stage in ProjectStages.Active)
        {
            if (!StageProbabilities.TryGetValue(stage, out var p))
            {
                problems.Add(new(stage, "Gaps.Settings.Error.ProbabilityMissing", [stage]));
                continue;
            }

            if (p is < 0m or > 1m)
            {
                problems.Add(new(stage, "Gaps.Settings.Error.ProbabilityRange", [p]));
            }
            else if (previous is { } before && p < before)
            {
                // A project further along is at least as likely to land as one behind it.
                problems.Add(new(stage, "Gaps.Settings.Error.ProbabilityOrder", [previousStage!]));
            }

            previous = p;
            previousStage = stage;
        }

        foreach (var code in StrategicIndustryCodes)
        {
            if (!IsIndustryCodePrefix(code))
            {
                problems.Add(new(nameof(StrategicIndustryCodes), "Gaps.Settings.Error.IndustryCode", [code]));
            }
        }

        return problems;
    }

    /// <summary>The share (0–1) of <paramref name="industryCodes"/> that start with a strategic prefix; 0 when none given.</summary>
    public double StrategicShare(IReadOnlyList<string> industryCodes)
    {
        if (industryCodes.Count == 0 || StrategicIndustryCodes.Count == 0)
        {
            return 0;
        }

        var prefixes = StrategicIndustryCodes.Select(Digits).ToList();
        var matching = industryCodes.Count(code => prefixes.Any(p => Digits(code).StartsWith(p, StringComparison.Ordinal)));
        return (double)matching / industryCodes.Count;
    }

    /// <summary>A GB/T 4754 code or prefix: an optional section letter A–T and 2 to 4 digits (e.g. C35, 3553).</summary>
    public static bool IsIndustryCodePrefix(string code)
    {
        var digits = Digits(code);
        return digits.Length is >= 2 and <= 4 && digits.All(char.IsAsciiDigit)
            && (digits.Length == code.Length || (code.Length == digits.Length + 1 && code[0] is >= 'A' and <= 'T'));
    }

    /// <summary>The code without its section letter: "C3553" and "3553" are the same class.</summary>
    private static string Digits(string code) =>
        code.Length > 0 && char.IsAsciiLetter(code[0]) ? code[1..].ToUpper(CultureInfo.InvariantCulture) : code.ToUpper(CultureInfo.InvariantCulture);
}
