using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Domain.Gaps;

public sealed class GapSettingsTests
{
    [Fact]
    public void The_defaults_are_those_of_the_design_and_valid()
    {
        var d = GapSettings.Default;

        Assert.Equal((0.6m, 0.2m, 0.2m, 0m), (d.WeightDemand, d.WeightSupply, d.WeightKey, d.WeightStrategic));
        Assert.Equal([0.05m, 0.1m, 0.25m, 0.5m, 0.8m, 0.9m], ProjectStages.Active.Select(d.Probability));
        Assert.Equal(0m, d.Probability("in_production"));
        Assert.Empty(d.Validate());
    }

    [Fact]
    public void Out_of_range_weights_all_zero_weights_and_bad_probabilities_are_each_reported()
    {
        var bad = GapSettings.Default with
        {
            WeightDemand = 1.5m,
            StageProbabilities = new Dictionary<string, decimal>(GapSettings.Default.StageProbabilities) { ["signed"] = 0.3m, ["lead"] = -0.1m },
            StrategicIndustryCodes = ["C35", "abc", "123456"],
        };

        var problems = bad.Validate();

        Assert.Equal(
            [
                ("WeightDemand", "Gaps.Settings.Error.WeightRange"),
                ("lead", "Gaps.Settings.Error.ProbabilityRange"),
                ("signed", "Gaps.Settings.Error.ProbabilityOrder"),
                ("StrategicIndustryCodes", "Gaps.Settings.Error.IndustryCode"),
                ("StrategicIndustryCodes", "Gaps.Settings.Error.IndustryCode"),
            ],
            problems.Select(p => (p.Field, p.Key)));

        var zero = GapSettings.Default with { WeightDemand = 0m, WeightSupply = 0m, WeightKey = 0m };
        Assert.Contains(zero.Validate(), p => p.Key == "Gaps.Settings.Error.WeightsAllZero");
    }
}
