using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Domain.Projects;

/// <summary>The dispatch report's rules (Domain/Projects/Dispatch) against cases worked out by hand.</summary>
public sealed class DispatchRulesTests
{
    [Fact]
    public void Rates_of_a_hand_computed_month_divide_each_stage_by_the_one_before_in_the_same_period()
    {
        // 8 new leads, 3 signings, 2 started, 1 in production:
        // 签约率 3/8 = 37.5 %, 开工率 2/3 = 66.666… → 66.7 %, 投产率 1/2 = 50.0 %.
        var rates = DispatchRules.Rates(new DispatchCounts(8, 3, 3500m, 2, 1, 500m));

        Assert.Equal(new ConversionRates(37.5m, 66.7m, 50.0m), rates);
    }

    [Fact]
    public void A_zero_denominator_gives_no_rate_not_zero_and_a_zero_numerator_gives_zero()
    {
        // No new lead but one signing (a lead of last year): no 签约率; 0 of 1 signing started: 0 %; nothing started: no 投产率.
        var rates = DispatchRules.Rates(new DispatchCounts(0, 1, 800m, 0, 0, 0m));

        Assert.Equal(new ConversionRates(null, 0.0m, null), rates);
        Assert.Equal(new ConversionRates(null, null, null), DispatchRules.Rates(DispatchCounts.Zero));
    }

    [Fact]
    public void A_rate_may_pass_100_percent_and_rounds_half_away_from_zero()
    {
        Assert.Equal(150.0m, DispatchRules.Rate(3, 2));
        Assert.Equal(16.7m, DispatchRules.Rate(1, 6)); // 16.666…
        Assert.Equal(0.1m, DispatchRules.Rate(1, 2000)); // 0.05 → 0.1
    }

    [Fact]
    public void Progress_against_a_yearly_target_needs_a_target_above_zero()
    {
        Assert.Equal(35.0m, DispatchRules.Progress(3500m, 10_000m));
        Assert.Null(DispatchRules.Progress(3500m, null));
        Assert.Null(DispatchRules.Progress(3500m, 0m));
    }

    [Theory]
    [InlineData("2026-11-15", "2026-10")]
    [InlineData("2026-01-01", "2025-12")]
    [InlineData("2026-03-31", "2026-02")]
    public void The_default_month_is_the_one_before_today(string today, string expected)
    {
        Assert.Equal(expected, DispatchMonth.Before(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).ToString());
    }

    [Fact]
    public void The_month_and_the_year_to_date_end_with_the_month()
    {
        Assert.True(DispatchMonth.TryParse("2026-02", new DateOnly(2026, 12, 6), out var month));

        Assert.Equal(new DispatchPeriod(new DateOnly(2026, 2, 1), new DateOnly(2026, 3, 1)), month.MonthPeriod);
        Assert.Equal(new DispatchPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1)), month.YearToDate);
        Assert.True(month.MonthPeriod.Contains(new DateOnly(2026, 2, 28)));
        Assert.False(month.MonthPeriod.Contains(new DateOnly(2026, 3, 1)));
        Assert.False(month.YearToDate.Contains(new DateOnly(2025, 12, 31)));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("26-11")]
    [InlineData("2026/11")]
    [InlineData("2026-11-01")]
    [InlineData("１９９９-01")]
    [InlineData("1999-12")]
    [InlineData("2027-01")] // has not begun
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_begun_month_written_yyyy_mm_is_refused(string? text)
    {
        Assert.False(DispatchMonth.TryParse(text, new DateOnly(2026, 12, 6), out _));
    }

    [Fact]
    public void The_current_month_may_be_asked_for()
    {
        Assert.True(DispatchMonth.TryParse("2026-12", new DateOnly(2026, 12, 1), out var month));
        Assert.Equal(new DispatchMonth(2026, 12), month);
    }
}
