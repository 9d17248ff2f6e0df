namespace InvestmentCrm.Web.Domain.Gaps;

/// <summary>A node as a snapshot recorded it.</summary>
public sealed record SnapshotNode(string Code, string Status, int? Rank, double Score, int LocalCount, decimal LocalOutputWan, decimal DemandWan, decimal PipelineCoverage);

/// <summary>A gap that appeared or disappeared between two results; <paramref name="Rank"/> is its rank where it is a gap.</summary>
public sealed record GapChange(string Code, string Name, string? NameEn, string StatusBefore, string StatusAfter, int? RankBefore, int? RankAfter, double ScoreBefore, double ScoreAfter);

/// <summary>What changed between a previous result (a snapshot) and the current one.</summary>
/// <param name="Opened">Nodes that are gaps now and were not (or did not exist) before.</param>
/// <param name="Closed">Nodes that were gaps and are not any more (or were deleted).</param>
/// <param name="Moved">Gaps before and after whose rank or status changed.</param>
public sealed record GapChanges(IReadOnlyList<GapChange> Opened, IReadOnlyList<GapChange> Closed, IReadOnlyList<GapChange> Moved)
{
    public static readonly GapChanges Empty = new([], [], []);

    public bool Any => Opened.Count > 0 || Closed.Count > 0 || Moved.Count > 0;
}

public static class GapDiff
{
    /// <summary>Compares by node code; a node new since the snapshot counts as "none" before, a deleted one as "none" after.</summary>
    public static GapChanges Between(IReadOnlyList<SnapshotNode> before, ChainGaps after)
    {
        var old = before.DistinctBy(n => n.Code, StringComparer.Ordinal).ToDictionary(n => n.Code, StringComparer.Ordinal);
        var opened = new List<GapChange>();
        var closed = new List<GapChange>();
        var moved = new List<GapChange>();
        foreach (var node in after.Nodes)
        {
            old.TryGetValue(node.Code, out var was);
            var change = new GapChange(node.Code, node.Name, node.NameEn, was?.Status ?? GapStatus.None, node.Status, was?.Rank, node.Rank, was?.Score ?? 0, node.Score);
            var wasGap = was?.Rank is not null;
            if (node.IsGap && !wasGap)
            {
                opened.Add(change);
            }
            else if (!node.IsGap && wasGap)
            {
                closed.Add(change);
            }
            else if (node.IsGap && (was!.Rank != node.Rank || was.Status != node.Status))
            {
                moved.Add(change);
            }
        }

        var current = after.Nodes.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        closed.AddRange(old.Values
            .Where(n => n.Rank is not null && !current.Contains(n.Code))
            .Select(n => new GapChange(n.Code, n.Code, null, n.Status, GapStatus.None, n.Rank, null, n.Score, 0)));

        return new GapChanges(
            [.. opened.OrderBy(c => c.RankAfter)],
            [.. closed.OrderBy(c => c.RankBefore)],
            [.. moved.OrderBy(c => c.RankAfter)]);
    }
}
