using InvestmentCrm.Web.Domain.Gaps;

namespace InvestmentCrm.Tests.Domain.Gaps;

public sealed class TargetFitTests
{
    private static TargetFit.Prospect P(long id, string name, string province, decimal revenue) =>
        new() { Id = id, Name = name, Province = province, AnnualRevenueWan = revenue };

    [Fact]
    public void Same_province_comes_first_then_qualifications_then_size()
    {
        var prospects = new[]
        {
            P(1, "沪大", "上海市", 90000m),
            P(2, "浙小", "浙江省", 1000m),
            P(3, "浙冠军", "浙江省", 500m),
            P(4, "浙大", "浙江省", 5000m),
        };
        var qualifications = new Dictionary<long, IReadOnlyList<string>> { [1] = ["single_champion"], [3] = ["single_champion", "high_tech"] };

        var ranked = TargetFit.Rank(prospects, id => qualifications.GetValueOrDefault(id, []), "浙江省", 10);

        Assert.Equal([3L, 4, 2, 1], ranked.Select(c => c.EnterpriseId));
        Assert.Equal(["single_champion", "high_tech"], ranked[0].Qualifications);
        Assert.Equal(5, ranked[0].QualificationPoints);
        Assert.Equal("Gaps.Fit.SameProvince", ranked[0].Reasons[0].Key);
        Assert.Equal("Gaps.Fit.OtherProvince", ranked[3].Reasons[0].Key);
        Assert.Equal(2, TargetFit.Rank(prospects, _ => [], "浙江省", 2).Count);
    }
}
