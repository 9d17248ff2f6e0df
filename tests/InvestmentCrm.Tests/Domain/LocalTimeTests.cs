using InvestmentCrm.Web.Domain;

namespace InvestmentCrm.Tests.Domain;

public sealed class LocalTimeTests
{
    private static readonly TimeZoneInfo Shanghai = LocalTime.FindZone("Asia/Shanghai");

    [Theory]
    [InlineData("2026-03-09T15:59:59", "2026-03-09")] // 23:59:59 in Shanghai
    [InlineData("2026-03-09T16:00:00", "2026-03-10")] // 00:00 in Shanghai: the UTC date is still the 9th
    [InlineData("2026-03-10T00:30:00", "2026-03-10")]
    public void A_stored_utc_time_falls_on_its_day_in_the_app_zone(string utc, string day)
    {
        Assert.Equal(DateOnly.Parse(day), LocalTime.DayOf(DateTime.Parse(utc), Shanghai));
    }

    [Fact]
    public void A_day_starts_at_midnight_in_the_app_zone()
    {
        Assert.Equal(new DateTime(2026, 3, 9, 16, 0, 0, DateTimeKind.Utc), LocalTime.StartUtc(new DateOnly(2026, 3, 10), Shanghai));
        Assert.Equal(new DateOnly(2026, 3, 10), LocalTime.DayOf(LocalTime.StartUtc(new DateOnly(2026, 3, 10), Shanghai), Shanghai));
    }

    [Fact]
    public void Today_is_read_from_the_clock_in_the_app_zone()
    {
        var clock = new Support.FakeClock(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2027, 1, 1), LocalTime.Today(clock, Shanghai));
    }

    [Fact]
    public void An_unknown_zone_id_is_not_known_while_a_real_one_is()
    {
        Assert.True(LocalTime.IsKnown("Asia/Shanghai"));
        Assert.False(LocalTime.IsKnown("Mars/Olympus_Mons"));
        Assert.False(LocalTime.IsKnown(""));
        Assert.Equal(TimeSpan.FromHours(8), Shanghai.BaseUtcOffset);
    }
}
