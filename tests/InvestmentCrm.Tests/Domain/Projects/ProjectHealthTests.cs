using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Domain.Projects;

public sealed class ProjectHealthTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly ProjectOptions Defaults = new();

    [Theory]
    [InlineData(0, HealthColor.Green)]
    [InlineData(29, HealthColor.Green)]
    [InlineData(30, HealthColor.Yellow)]
    [InlineData(59, HealthColor.Yellow)]
    [InlineData(60, HealthColor.Red)]
    [InlineData(400, HealthColor.Red)]
    public void Silence_of_30_days_is_yellow_and_60_days_red(int days, HealthColor expected) =>
        Assert.Equal(expected, ProjectHealth.Of(ProjectStages.Negotiation, Today.AddDays(-days), Today, Defaults));

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var options = new ProjectOptions { YellowDays = 7, RedDays = 14 };
        Assert.Equal(HealthColor.Yellow, ProjectHealth.Of(ProjectStages.Lead, Today.AddDays(-7), Today, options));
        Assert.Equal(HealthColor.Red, ProjectHealth.Of(ProjectStages.Lead, Today.AddDays(-14), Today, options));
    }

    [Theory]
    [InlineData(ProjectStages.InProduction)]
    [InlineData(ProjectStages.OnHold)]
    [InlineData(ProjectStages.Lost)]
    public void Finished_parked_and_lost_projects_are_never_flagged(string stage) =>
        Assert.Equal(HealthColor.Green, ProjectHealth.Of(stage, Today.AddDays(-365), Today, Defaults));

    [Fact]
    public void A_next_step_is_overdue_only_after_its_due_day_and_while_not_done()
    {
        Assert.False(ProjectHealth.IsOverdue(Today, false, Today));
        Assert.True(ProjectHealth.IsOverdue(Today.AddDays(-1), false, Today));
        Assert.False(ProjectHealth.IsOverdue(Today.AddDays(-1), true, Today));
        Assert.False(ProjectHealth.IsOverdue(null, false, Today));
    }
}
