namespace InvestmentCrm.Web.Domain.Chains;

/// <summary>
/// An industrial chain as it is uploaded, exported and seeded (the chain-map JSON of the design): a tree of
/// nodes plus supply edges between them. Two maps with the same content are equal, lists included.
/// </summary>
public sealed record ChainMap(
    string Code,
    string Name,
    string? NameEn,
    string? Description,
    IReadOnlyList<ChainNodeSpec> Nodes,
    IReadOnlyList<ChainEdgeSpec> Edges)
{
    public bool Equals(ChainMap? other) =>
        other is not null
        && Code == other.Code
        && Name == other.Name
        && NameEn == other.NameEn
        && Description == other.Description
        && Nodes.SequenceEqual(other.Nodes)
        && Edges.SequenceEqual(other.Edges);

    public override int GetHashCode() => HashCode.Combine(Code, Name, Nodes.Count, Edges.Count);
}

/// <param name="Segment">One of <see cref="Segments.All"/>.</param>
/// <param name="Parent">The code of the parent node in the same chain; null for a top-level node.</param>
/// <param name="IndustryCodes">GB/T 4754-2017 codes, e.g. "3553" or "C3553".</param>
/// <param name="Key">A key link (关键环节) of the chain.</param>
public sealed record ChainNodeSpec(
    string Code,
    string Name,
    string? NameEn,
    string Segment,
    string? Parent,
    IReadOnlyList<string> IndustryCodes,
    bool Key,
    string? Description)
{
    public bool Equals(ChainNodeSpec? other) =>
        other is not null
        && Code == other.Code
        && Name == other.Name
        && NameEn == other.NameEn
        && Segment == other.Segment
        && Parent == other.Parent
        && IndustryCodes.SequenceEqual(other.IndustryCodes)
        && Key == other.Key
        && Description == other.Description;

    public override int GetHashCode() => HashCode.Combine(Code, Name, Segment, Parent, Key);
}

/// <summary>"<paramref name="From"/> supplies <paramref name="To"/>".</summary>
/// <param name="Weight">The share of <paramref name="To"/>'s inputs that come from <paramref name="From"/>, in (0, 1];
/// null lets the gap model spread the inputs evenly over the incoming edges.</param>
public sealed record ChainEdgeSpec(string From, string To, decimal? Weight);

/// <summary>The four segments of a chain, as written in the chain-map JSON and stored.</summary>
public static class Segments
{
    public const string Upstream = "upstream";
    public const string Midstream = "midstream";
    public const string Downstream = "downstream";
    public const string Support = "support";

    /// <summary>In display order: the flow of goods left to right, then the services that support it.</summary>
    public static readonly IReadOnlyList<string> All = [Upstream, Midstream, Downstream, Support];
}
