namespace InvestmentCrm.Web.Domain.Gaps;

/// <summary>A prospect that could fill a gap, with why it is suggested (the gap page links each to a new project
/// pre-filled with the enterprise and the gap's node).</summary>
/// <param name="QualificationPoints">Weight of its qualifications (see <see cref="TargetFit.Points"/>).</param>
public sealed record TargetCandidate(
    long EnterpriseId,
    string Name,
    string? Province,
    string? City,
    decimal? AnnualRevenueWan,
    int? Employees,
    IReadOnlyList<string> Qualifications,
    bool SameProvince,
    int QualificationPoints,
    IReadOnlyList<GapReason> Reasons,
    IReadOnlyList<LeaderSupply>? SuppliesLeaders = null);

/// <summary>A leading enterprise (链主企业) of the chain that a candidate supplies: one of the candidate's nodes in the
/// chain has a supply edge to <paramref name="LeaderNodeCode"/>, a node the leading enterprise is in.</summary>
public sealed record LeaderSupply(string LeaderName, string LeaderNodeCode);

/// <summary>
/// Orders prospects for a gap by fit (docs/en/gap-model.md, "Suggested prospects"): those that supply the chain's
/// leading enterprises first (a 链主 pulls its suppliers: the chain is built around it), then same province as the
/// local industry (a move within the province is easier to win), then qualifications (a single champion or little giant brings more than a
/// high-tech label), then size (annual revenue, then registered capital), then name for a stable order.
/// </summary>
public static class TargetFit
{
    /// <summary>Qualification codes as stored, with how much each says about an enterprise's strength.</summary>
    public static readonly IReadOnlyDictionary<string, int> Points = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["single_champion"] = 4,
        ["little_giant"] = 3,
        ["listed"] = 2,
        ["srdi"] = 2,
        ["high_tech"] = 1,
    };

    public sealed class Prospect
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string? Province { get; set; }
        public string? City { get; set; }
        public decimal? AnnualRevenueWan { get; set; }
        public decimal? RegisteredCapitalWan { get; set; }
        public int? Employees { get; set; }
    }

    /// <param name="suppliesOf">The leading enterprises each prospect supplies (<see cref="LeaderSupply"/>); none when null.</param>
    public static IReadOnlyList<TargetCandidate> Rank(IEnumerable<Prospect> prospects, Func<long, IReadOnlyList<string>> qualificationsOf, string? homeProvince, int take,
        Func<long, IReadOnlyList<LeaderSupply>>? suppliesOf = null) =>
        prospects
            .DistinctBy(p => p.Id)
            .Select(p =>
            {
                var qualifications = qualificationsOf(p.Id).Where(Points.ContainsKey).OrderByDescending(q => Points[q]).ThenBy(q => q, StringComparer.Ordinal).ToList();
                var same = homeProvince is not null && string.Equals(p.Province?.Trim(), homeProvince.Trim(), StringComparison.Ordinal);
                var supplies = suppliesOf?.Invoke(p.Id) ?? [];
                return (Prospect: p, Qualifications: qualifications, Same: same, Points: qualifications.Sum(q => Points[q]), Supplies: supplies);
            })
            .OrderByDescending(c => c.Supplies.Count > 0)
            .ThenByDescending(c => c.Same)
            .ThenByDescending(c => c.Points)
            .ThenByDescending(c => c.Prospect.AnnualRevenueWan ?? 0m)
            .ThenByDescending(c => c.Prospect.RegisteredCapitalWan ?? 0m)
            .ThenBy(c => c.Prospect.Name, StringComparer.Ordinal)
            .ThenBy(c => c.Prospect.Id)
            .Take(Math.Max(0, take))
            .Select(c => new TargetCandidate(
                c.Prospect.Id, c.Prospect.Name, c.Prospect.Province, c.Prospect.City, c.Prospect.AnnualRevenueWan, c.Prospect.Employees,
                c.Qualifications, c.Same, c.Points, Reasons(c.Prospect, c.Qualifications, c.Same, c.Supplies), c.Supplies))
            .ToList();

    private static List<GapReason> Reasons(Prospect p, List<string> qualifications, bool same, IReadOnlyList<LeaderSupply> supplies)
    {
        var reasons = new List<GapReason>();
        if (supplies.Count > 0)
        {
            reasons.Add(new GapReason("Gaps.Fit.SuppliesLeader",
                (object)supplies.Select(s => s.LeaderName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Cast<object>().ToArray(),
                (object)supplies.Select(s => s.LeaderNodeCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => (object)new NodeRef(c)).ToArray()));
        }

        if (same)
        {
            reasons.Add(new GapReason("Gaps.Fit.SameProvince", p.Province!));
        }
        else if (!string.IsNullOrWhiteSpace(p.Province))
        {
            reasons.Add(new GapReason("Gaps.Fit.OtherProvince", p.Province));
        }

        if (qualifications.Count > 0)
        {
            reasons.Add(new GapReason("Gaps.Fit.Qualifications", (object)qualifications.Select(q => new QualificationRef(q)).ToArray()));
        }

        if (p.AnnualRevenueWan is { } revenue and > 0)
        {
            reasons.Add(new GapReason("Gaps.Fit.Revenue", revenue));
        }

        if (p.Employees is { } employees and > 0)
        {
            reasons.Add(new GapReason("Gaps.Fit.Employees", employees));
        }

        reasons.Add(new GapReason("Gaps.Fit.NotInPipeline"));
        return reasons;
    }
}

/// <summary>A qualification named in a reason, rendered in the reader's language.</summary>
public sealed record QualificationRef(string Code);
