using System.Runtime.CompilerServices;

namespace InvestmentCrm.Web.Domain.Gaps;

/// <summary>The gap statuses of docs/en/gap-model.md ("Status"); the first three are gaps and get a rank.</summary>
public static class GapStatus
{
    public const string Missing = "missing";
    public const string Weak = "weak";
    public const string Extend = "extend";
    public const string Covered = "covered";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Missing, Weak, Extend, Covered, None];

    public static readonly IReadOnlyList<string> Gaps = [Missing, Weak, Extend];

    public static bool IsGap(string status) => status is Missing or Weak or Extend;
}

/// <summary>What the model needs of a chain: its nodes with their local and pipeline figures, and its supply edges.</summary>
public sealed record GapInputs(string ChainCode, string ChainName, string? ChainNameEn, IReadOnlyList<GapNodeInput> Nodes, IReadOnlyList<GapEdgeInput> Edges);

/// <param name="LocalCount">|L(n)|: local enterprises mapped to the node.</param>
/// <param name="LocalOutputWan">Yₙ: their annual revenue, 万元.</param>
/// <param name="Pipeline">Active projects targeting the node, counted per stage.</param>
/// <param name="Projects">Some of those projects by name (the most advanced first), to show which ones cover it.</param>
public sealed record GapNodeInput(
    string Code,
    string Name,
    string? NameEn,
    string Segment,
    string? Parent,
    bool IsKey,
    IReadOnlyList<string> IndustryCodes,
    int LocalCount,
    decimal LocalOutputWan,
    IReadOnlyList<StageCount> Pipeline,
    IReadOnlyList<CoveringProject> Projects);

/// <summary>"<paramref name="From"/> supplies <paramref name="To"/>"; a null weight is 1 / in-degree of <paramref name="To"/>.</summary>
public sealed record GapEdgeInput(string From, string To, decimal? Weight);

public sealed record StageCount(string Stage, int Count);

public sealed record CoveringProject(string Code, string Title, string Stage);

/// <summary>A chain's gap analysis: every node with its figures, status, score and rank.</summary>
public sealed record ChainGaps(string Code, string Name, string? NameEn, IReadOnlyList<NodeGap> Nodes, GapSettings Settings)
{
    /// <summary>The gaps, most urgent first.</summary>
    public IEnumerable<NodeGap> Ranked => Nodes.Where(n => n.Rank is not null).OrderBy(n => n.Rank);

    // Reasons name nodes by code, so rendering a chain looks up every node several times: by a dictionary built once
    // per node list (a linear search made the 500-node chain's texts quadratic).
    private static readonly ConditionalWeakTable<IReadOnlyList<NodeGap>, Dictionary<string, NodeGap>> ByCode = new();

    public NodeGap? Find(string code) => ByCode.GetValue(Nodes, Index).GetValueOrDefault(code);

    private static Dictionary<string, NodeGap> Index(IReadOnlyList<NodeGap> nodes)
    {
        var index = new Dictionary<string, NodeGap>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in nodes)
        {
            index.TryAdd(node.Code, node); // the first of equal codes, as a search in order finds
        }

        return index;
    }
}

/// <summary>One node's result and everything it was computed from, so every figure on screen can be traced.</summary>
/// <param name="Rank">1 = most urgent gap; null when the node is not a gap.</param>
/// <param name="DemandWan">Dₙ = Σ over edges n→v of a(n,v)·Yᵥ, rounded to 0.01 万元.</param>
/// <param name="DemandFrom">The terms of Dₙ, one per downstream node v.</param>
/// <param name="SupplyWan">Sₙ = Σ over edges u→n of Yᵤ / outdeg(u), rounded to 0.01 万元.</param>
/// <param name="SupplyFrom">The terms of Sₙ, one per upstream node u.</param>
/// <param name="PipelineCoverage">Pₙ = min(1, Σ p(stage) over active projects targeting n).</param>
/// <param name="ProjectCount">Active projects targeting the node (<see cref="Projects"/> may list fewer).</param>
public sealed record NodeGap(
    string Code,
    string Name,
    string? NameEn,
    string Segment,
    string? Parent,
    bool IsKey,
    string Status,
    int? Rank,
    double Score,
    ScoreParts Parts,
    int LocalCount,
    decimal LocalOutputWan,
    decimal DemandWan,
    IReadOnlyList<DemandContribution> DemandFrom,
    decimal SupplyWan,
    IReadOnlyList<SupplyContribution> SupplyFrom,
    decimal PipelineCoverage,
    IReadOnlyList<StageContribution> Pipeline,
    int ProjectCount,
    IReadOnlyList<CoveringProject> Projects,
    IReadOnlyList<GapReason> Reasons)
{
    public bool IsGap => Rank is not null;

    /// <summary>(Dₙ − Yₙ)⁺: the local demand that local output does not meet.</summary>
    public decimal UnmetDemandWan => Math.Max(0m, DemandWan - LocalOutputWan);
}

/// <param name="Weight">a(n,v) as used.</param>
/// <param name="WeightIsDefault">True when the edge has no weight and 1/indeg(v) was used.</param>
public sealed record DemandContribution(string NodeCode, decimal Weight, bool WeightIsDefault, int InDegree, decimal OutputWan, decimal ContributionWan);

public sealed record SupplyContribution(string NodeCode, decimal OutputWan, int OutDegree, decimal ContributionWan);

public sealed record StageContribution(string Stage, int Count, decimal Probability, decimal Contribution);

/// <summary>The score's parts: each normalised input, its weight and weighted value, and the pipeline discount.</summary>
/// <param name="MaxUnmetDemandWan">The chain's largest (D − Y)⁺ that norm divides by.</param>
/// <param name="MaxSupplyWan">The chain's largest S that norm divides by.</param>
/// <param name="Base">The sum of the four weighted parts, before the discount.</param>
/// <param name="Discount">1 − Pₙ, the factor the base is multiplied by.</param>
public sealed record ScoreParts(
    double DemandNorm,
    double DemandPart,
    double SupplyNorm,
    double SupplyPart,
    double KeyPart,
    double StrategicShare,
    double StrategicPart,
    double Base,
    double Discount,
    decimal MaxUnmetDemandWan,
    decimal MaxSupplyWan);

/// <summary>A sentence of "why this gap", as a resource key and its arguments; a <see cref="NodeRef"/> argument
/// (or a list of them) becomes the node's name in the reader's language when rendered.</summary>
public sealed record GapReason(string Key, params object[] Args);

/// <summary>A node named in a reason, rendered as its name in the reader's language.</summary>
public sealed record NodeRef(string Code);
