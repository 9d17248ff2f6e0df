using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;

namespace InvestmentCrm.Tests.Domain.Gaps;

public sealed class GapDiffTests
{
    [Fact]
    public void Diff_lists_gaps_opened_closed_and_moved_since_the_snapshot()
    {
        // Now: RAW missing (1), PART weak (2), SHOP extend (3) — see GapModelTests.
        var now = GapModel.Analyse(new GapInputs("T", "链", null,
            [
                N("RAW"), N("PART", 1, 100m), N("ASM", 2, 300m), N("SHOP"),
            ],
            [new("RAW", "PART", null), new("PART", "ASM", 0.5m), new("ASM", "SHOP", null)]), GapSettings.Default);
        SnapshotNode[] before =
        [
            new("RAW", "missing", 1, 0.6, 0, 0, 100, 0), // unchanged
            new("PART", "missing", 3, 0.2, 0, 0, 150, 0), // moved 3 → 2, missing → weak
            new("ASM", "weak", 2, 0.4, 2, 300, 400, 0), // closed: now covered
            new("GONE", "missing", 4, 0.1, 0, 0, 10, 0), // closed: node deleted
        ];

        var changes = GapDiff.Between(before, now);

        Assert.Equal(["SHOP"], changes.Opened.Select(c => c.Code));
        Assert.Equal(["ASM", "GONE"], changes.Closed.Select(c => c.Code));
        var moved = Assert.Single(changes.Moved);
        Assert.Equal(("PART", 3, 2, "missing", "weak"), (moved.Code, moved.RankBefore!.Value, moved.RankAfter!.Value, moved.StatusBefore, moved.StatusAfter));
        Assert.True(changes.Any);
    }

    private static GapNodeInput N(string code, int locals = 0, decimal output = 0) =>
        new(code, code, null, Segments.Midstream, null, false, [], locals, output, [], []);
}
