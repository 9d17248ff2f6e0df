using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Tests.Domain;

public sealed class IsoWeekIdTests
{
    [Theory]
    [InlineData("2026-W48", 2026, 11, 23)]
    [InlineData("2026-W01", 2025, 12, 29)] // week 1 holds the year's first Thursday
    [InlineData("2026-W53", 2026, 12, 28)] // 2026 has 53 weeks
    public void A_week_parses_to_its_monday(string text, int year, int month, int day)
    {
        Assert.True(IsoWeekId.TryParse(text, out var week));
        Assert.Equal(new DateOnly(year, month, day), week.Monday);
        Assert.Equal(text, week.ToString());
    }

    [Theory]
    [InlineData("2026-48")]
    [InlineData("2026-W5")]
    [InlineData("2025-W53")] // 2025 has 52 weeks
    [InlineData("2026-W00")]
    [InlineData("W48-2026")]
    [InlineData("")]
    public void Anything_else_is_refused(string text) => Assert.False(IsoWeekId.TryParse(text, out _));

    [Fact]
    public void The_previous_week_crosses_the_year()
    {
        Assert.Equal(new IsoWeekId(2025, 52), new IsoWeekId(2026, 1).Previous);
        Assert.Equal(new IsoWeekId(2026, 48), IsoWeekId.Of(new DateOnly(2026, 11, 29)));
        Assert.Equal(new IsoWeekId(2026, 49), IsoWeekId.Of(new DateOnly(2026, 11, 30)));
    }
}
