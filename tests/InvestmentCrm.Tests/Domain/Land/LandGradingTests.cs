using InvestmentCrm.Web.Domain.Land;

namespace InvestmentCrm.Tests.Domain.Land;

/// <summary>The grading model on data worked out by hand (see the comments for the arithmetic).</summary>
public class LandGradingTests
{
    private static readonly LandGradingSettings Defaults = LandGradingSettings.Default;

    // Three enterprises:            land output tax employees rd  energy
    // 1: tax/mu 10, output/mu 100, labour 100, rd 5 %, 10 per tce
    // 2: tax/mu 2,  output/mu 50,  labour 50,  rd 2 %, 5 per tce
    // 3: tax/mu 1,  output/mu 50,  labour 100, rd 0,   no energy figure
    // Medians: tax 2, output 50, labour 100, rd 2 %, energy 7.5 (of the two present).
    private static readonly LandFigures[] Three =
    [
        new(1, 10, 1000, 100, 500, 10, 50, 100),
        new(2, 20, 1000, 40, null, 20, 20, 200),
        new(3, 10, 500, 10, 100, 5, 0, null),
    ];

    private static GradedEnterprise Of(LandGradingResult result, long id) => result.Enterprises.Single(e => e.Figures.EnterpriseId == id);

    [Fact]
    public void Indicators_are_per_mu_per_employee_per_output_and_per_tonne_of_coal()
    {
        var indicators = LandIndicators.Of(Three[0]);

        Assert.Equal(new LandIndicators(10m, 100m, 50m, 100m, 0.05m, 10m), indicators);
        Assert.Null(LandIndicators.Of(Three[1]).InvestmentPerMu);
        Assert.Null(LandIndicators.Of(Three[2]).OutputPerTce);
    }

    [Fact]
    public void Medians_are_taken_over_the_enterprises_that_have_the_indicator()
    {
        var result = LandGrading.Grade(Three, Defaults);

        Assert.Equal(2m, result.Medians[LandIndicator.Tax]);
        Assert.Equal(50m, result.Medians[LandIndicator.Output]);
        Assert.Equal(100m, result.Medians[LandIndicator.Labour]);
        Assert.Equal(0.02m, result.Medians[LandIndicator.Rd]);
        Assert.Equal(7.5m, result.Medians[LandIndicator.Energy]);
    }

    [Fact]
    public void Score_is_the_weighted_capped_ratio_to_the_median()
    {
        var first = Of(LandGrading.Grade(Three, Defaults), 1);

        // tax 10/2 = 5 capped to 3; output 2; labour 1; rd 2.5; energy 10/7.5 = 1.333…
        Assert.Equal(3m, first.Ratios[LandIndicator.Tax]);
        Assert.Equal(2m, first.Ratios[LandIndicator.Output]);
        Assert.Equal(2.5m, first.Ratios[LandIndicator.Rd]);
        // 0.4·3 + 0.3·2 + 0.1·1 + 0.1·2.5 + 0.1·1.333 = 2.2833
        Assert.Equal(2.283m, first.Score);
        // 0.4·1 + 0.3·1 + 0.1·0.5 + 0.1·1 + 0.1·0.667 = 0.9167
        Assert.Equal(0.917m, Of(LandGrading.Grade(Three, Defaults), 2).Score);
    }

    [Fact]
    public void A_missing_energy_figure_spreads_its_weight_over_the_present_indicators()
    {
        var third = Of(LandGrading.Grade(Three, Defaults), 3);

        Assert.False(third.Ratios.ContainsKey(LandIndicator.Energy));
        // (0.4·0.5 + 0.3·1 + 0.1·1 + 0.1·0) / 0.9 = 0.6667 — not 0.6, as a missing value counted as 0 would give
        Assert.Equal(0.667m, third.Score);
    }

    [Fact]
    public void The_cap_limits_one_extreme_indicator()
    {
        var capped = Of(LandGrading.Grade(Three, Defaults with { RatioCap = 1.5m }), 1);

        Assert.Equal(1.5m, capped.Ratios[LandIndicator.Tax]);
        Assert.Equal(1.5m, capped.Ratios[LandIndicator.Rd]);
        // 0.4·1.5 + 0.3·1.5 + 0.1·1 + 0.1·1.5 + 0.1·1.333 = 1.4333
        Assert.Equal(1.433m, capped.Score);
    }

    [Fact]
    public void Three_enterprises_are_ranked_and_graded_a_b_b()
    {
        var result = LandGrading.Grade(Three, Defaults);

        Assert.Equal([1L, 2L, 3L], result.Enterprises.Select(e => e.Figures.EnterpriseId));
        Assert.Equal([1, 2, 3], result.Enterprises.Select(e => e.Rank));
        // A while (position − 1) < 3·0.2 = 0.6; B while < 3·0.7 = 2.1
        Assert.Equal([LandGrade.A, LandGrade.B, LandGrade.B], result.Enterprises.Select(e => e.Grade));
    }

    [Fact]
    public void A_single_enterprise_is_its_own_median_scores_1_and_is_graded_a()
    {
        var result = LandGrading.Grade([Three[0]], Defaults);

        var only = Assert.Single(result.Enterprises);
        Assert.Equal(1.000m, only.Score);
        Assert.Equal((1, LandGrade.A), (only.Rank, only.Grade));
    }

    [Fact]
    public void No_enterprises_give_an_empty_result_without_medians()
    {
        var result = LandGrading.Grade([], Defaults);

        Assert.Empty(result.Enterprises);
        Assert.All(result.Medians.Values, Assert.Null);
    }

    [Fact]
    public void An_indicator_whose_median_is_zero_is_left_out_of_every_score()
    {
        LandFigures[] figures = [new(1, 10, 1000, 100, null, null, 0, null), new(2, 10, 1000, 50, null, null, 0, null), new(3, 10, 1000, 50, null, null, 30, null)];

        var result = LandGrading.Grade(figures, Defaults);

        Assert.Equal(0m, result.Medians[LandIndicator.Rd]);
        Assert.All(result.Enterprises, e => Assert.False(e.Ratios.ContainsKey(LandIndicator.Rd)));
        // tax 100/50 = 2, output 1: (0.4·2 + 0.3·1) / 0.7 = 1.5714
        Assert.Equal(1.571m, Of(result, 1).Score);
    }

    /// <summary>Ten enterprises differing only in tax: the score follows tax (median 65).</summary>
    private static LandFigures[] Ten(params decimal[] taxes) =>
        taxes.Select((tax, i) => new LandFigures(i + 1, 1, 100, tax, null, null, null, null)).ToArray();

    [Fact]
    public void Ten_enterprises_split_2_5_2_1_with_one_d()
    {
        var result = LandGrading.Grade(Ten(100, 95, 90, 80, 70, 60, 50, 40, 30, 20), Defaults);

        Assert.Equal("AABBBBBCCD", string.Concat(result.Enterprises.Select(e => e.Grade)));
        Assert.Equal(10L, result.Enterprises[^1].Figures.EnterpriseId);
    }

    [Fact]
    public void Tied_scores_share_the_best_rank_and_its_grade()
    {
        var result = LandGrading.Grade(Ten(100, 90, 90, 80, 70, 60, 50, 40, 30, 20), Defaults);

        Assert.Equal([1, 2, 2, 4, 5, 6, 7, 8, 9, 10], result.Enterprises.Select(e => e.Rank));
        // Position 3 alone would be B; tied with position 2 it is A.
        Assert.Equal("AAABBBBCCD", string.Concat(result.Enterprises.Select(e => e.Grade)));
        Assert.Equal(Of(result, 2).Score, Of(result, 3).Score);
    }

    [Fact]
    public void A_tie_for_last_place_wins_over_the_forced_d()
    {
        var result = LandGrading.Grade(Ten(100, 95, 90, 80, 70, 60, 50, 40, 20, 20), Defaults);

        Assert.Equal([9, 9], result.Enterprises.TakeLast(2).Select(e => e.Rank));
        Assert.Equal("AABBBBBCCC", string.Concat(result.Enterprises.Select(e => e.Grade)));
    }

    [Fact]
    public void Identical_enterprises_all_get_the_same_rank_and_grade()
    {
        var result = LandGrading.Grade(Ten(50, 50, 50, 50, 50, 50, 50, 50, 50, 50), Defaults);

        Assert.All(result.Enterprises, e => Assert.Equal((1, LandGrade.A, 1.000m), (e.Rank, e.Grade, e.Score)));
    }

    [Theory]
    [InlineData(1, "A")]
    [InlineData(5, "ABBBC")]
    [InlineData(10, "AABBBBBCCD")]
    [InlineData(14, "AAABBBBBBBCCCD")]
    [InlineData(20, "AAAABBBBBBBBBBCCCCDD")]
    public void Bands_follow_the_default_shares(int n, string expected) =>
        Assert.Equal(expected, string.Concat(LandGrading.Bands(n, Defaults)));

    [Fact]
    public void With_ten_or_more_enterprises_the_last_is_d_even_when_the_d_share_rounds_away()
    {
        var settings = Defaults with { ShareC = 0.25m, ShareD = 0.05m };

        Assert.Equal("AABBBBBCCD", string.Concat(LandGrading.Bands(10, settings)));
        Assert.Equal("AABBBBCC", string.Concat(LandGrading.Bands(8, settings)));
        Assert.DoesNotContain(LandGrade.D, LandGrading.Bands(12, settings with { ShareC = 0.3m, ShareD = 0 }));
    }

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    public void Median_of_odd_and_even_counts(double[] values, double expected) =>
        Assert.Equal((decimal)expected, LandGrading.Median(values.Select(v => (decimal)v).ToList()));

    [Fact]
    public void Default_settings_are_valid_and_bad_ones_are_named()
    {
        Assert.Empty(Defaults.Problems());

        Assert.Equal([("Weights", "Land.Settings.Error.WeightSum")], (Defaults with { WeightTax = 0.3m }).Problems());
        Assert.Equal([("Shares", "Land.Settings.Error.ShareSum")], (Defaults with { ShareD = 0.09m }).Problems());
        Assert.Equal([("RatioCap", "Land.Settings.Error.CapRange")], (Defaults with { RatioCap = 0.5m }).Problems());
        Assert.Contains(("WeightEnergy", "Land.Settings.Error.WeightRange"), (Defaults with { WeightEnergy = -0.1m, WeightTax = 0.6m }).Problems());
    }
}

public class ParkLandFiguresTests
{
    [Fact]
    public void Park_figures_sum_land_by_grade_and_average_per_mu_over_total_land()
    {
        LandFigures[] figures = [new(1, 100, 10000, 1000, null, null, null, null), new(2, 50, 2000, 100, null, null, null, null), new(3, 50, 1000, 50, null, null, null, null)];
        var graded = LandGrading.Grade(figures, LandGradingSettings.Default with { ShareA = 0.4m, ShareB = 0.3m, ShareC = 0.2m, ShareD = 0.1m });
        // positions start at 0, 1, 2: A while < 3·0.4 = 1.2 → the first two; B while < 2.1 → the third
        var park = ParkLandFigures.Of(graded.Enterprises, includeC: false);

        Assert.Equal((3, 200m), (park.Enterprises, park.LandMu));
        Assert.Equal(150m, park.LandByGrade[LandGrade.A]);
        Assert.Equal(50m, park.LandByGrade[LandGrade.B]);
        Assert.Equal((2, 1, 0, 0), (park.CountByGrade[LandGrade.A], park.CountByGrade[LandGrade.B], park.CountByGrade[LandGrade.C], park.CountByGrade[LandGrade.D]));
        Assert.Equal(1150m / 200m, park.TaxPerMu);
        Assert.Equal(13000m / 200m, park.OutputPerMu);
        Assert.Equal(0m, park.FreeableLandMu);
    }

    [Fact]
    public void Freeable_land_is_d_and_optionally_c()
    {
        var figures = Enumerable.Range(1, 10).Select(i => new LandFigures(i, i, 100, 110 - (10 * i), null, null, null, null)).ToArray();
        var graded = LandGrading.Grade(figures, LandGradingSettings.Default).Enterprises;

        // grades AABBBBBCCD by tax; the land of enterprise i is i mu: C = 8 + 9, D = 10
        Assert.Equal(10m, ParkLandFigures.Of(graded, includeC: false).FreeableLandMu);
        Assert.Equal(27m, ParkLandFigures.Of(graded, includeC: true).FreeableLandMu);
    }

    [Theory]
    [InlineData(110, 100, 0.1)]
    [InlineData(90, 100, -0.1)]
    public void Change_is_relative_to_the_year_before(double now, double before, double expected) =>
        Assert.Equal((decimal)expected, ParkLandFigures.Change((decimal)now, (decimal)before));

    [Fact]
    public void Change_without_a_year_before_or_from_zero_is_unknown()
    {
        Assert.Null(ParkLandFigures.Change(5, null));
        Assert.Null(ParkLandFigures.Change(5, 0));
    }
}
