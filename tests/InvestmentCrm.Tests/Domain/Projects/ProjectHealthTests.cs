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
        Assert.Equal(expected, ProjectHealth.Of(ProjectStages.Negotiation, Today.AddDays(-days), Today, Defaults, hasOverdueMatter: false));

    [Fact]
    public void Thresholds_come_from_configuration()
    {
        var options = new ProjectOptions { YellowDays = 7, RedDays = 14 };
        Assert.Equal(HealthColor.Yellow, ProjectHealth.Of(ProjectStages.Lead, Today.AddDays(-7), Today, options, hasOverdueMatter: false));
        Assert.Equal(HealthColor.Red, ProjectHealth.Of(ProjectStages.Lead, Today.AddDays(-14), Today, options, hasOverdueMatter: false));
    }

    [Theory]
    [InlineData(ProjectStages.InProduction)]
    [InlineData(ProjectStages.OnHold)]
    [InlineData(ProjectStages.Lost)]
    public void Finished_parked_and_lost_projects_are_never_flagged(string stage) =>
        Assert.Equal(HealthColor.Green, ProjectHealth.Of(stage, Today.AddDays(-365), Today, Defaults, hasOverdueMatter: false));

    [Fact]
    public void An_overdue_coordination_matter_turns_an_active_project_red_but_not_a_finished_one()
    {
        Assert.Equal(HealthColor.Red, ProjectHealth.Of(ProjectStages.Started, Today, Today, Defaults, hasOverdueMatter: true));
        Assert.Equal(HealthColor.Green, ProjectHealth.Of(ProjectStages.InProduction, Today, Today, Defaults, hasOverdueMatter: true));
    }

    [Fact]
    public void A_matter_is_overdue_after_its_deadline_until_resolved()
    {
        Assert.False(CoordinationMatters.IsOverdue(Today, CoordinationMatters.Open, Today));
        Assert.True(CoordinationMatters.IsOverdue(Today.AddDays(-1), CoordinationMatters.InProgress, Today));
        Assert.False(CoordinationMatters.IsOverdue(Today.AddDays(-1), CoordinationMatters.Resolved, Today));
        Assert.False(CoordinationMatters.IsOverdue(null, CoordinationMatters.Open, Today));
    }

    [Fact]
    public void A_matter_needs_someone_responsible_a_deadline_and_once_resolved_its_resolution_and_a_sane_date()
    {
        var ok = new MatterInput("land", "用地指标未落实", "自然资源局", null, Today, CoordinationMatters.Open, null, null);
        Assert.Empty(CoordinationMatters.Problems(ok, Today, Today, isNew: true));
        Assert.Equal(["Department", "DueOn"], CoordinationMatters.Problems(ok with { Department = " ", DueOn = null }, Today, Today, true).Select(p => p.Field));
        Assert.Equal(["DueOn"], CoordinationMatters.Problems(ok with { DueOn = Today.AddDays(-1) }, Today, Today, true).Select(p => p.Field));
        Assert.Empty(CoordinationMatters.Problems(ok with { DueOn = Today.AddDays(-1) }, Today, Today.AddDays(-9), false));
        var resolved = ok with { Status = CoordinationMatters.Resolved };
        Assert.Equal(["Resolution", "ResolvedOn"], CoordinationMatters.Problems(resolved, Today, Today, false).Select(p => p.Field));
        Assert.Equal(["Matters.Error.ResolvedInFuture"], CoordinationMatters.Problems(resolved with { Resolution = "已办", ResolvedOn = Today.AddDays(1) }, Today, Today, false).Select(p => p.Key));
        Assert.Equal(["Matters.Error.ResolvedBeforeRaised"], CoordinationMatters.Problems(resolved with { Resolution = "已办", ResolvedOn = Today.AddDays(-3) }, Today, Today.AddDays(-2), false).Select(p => p.Key));
    }

    [Fact]
    public void A_next_step_is_overdue_only_after_its_due_day_and_while_not_done()
    {
        Assert.False(ProjectHealth.IsOverdue(Today, false, Today));
        Assert.True(ProjectHealth.IsOverdue(Today.AddDays(-1), false, Today));
        Assert.False(ProjectHealth.IsOverdue(Today.AddDays(-1), true, Today));
        Assert.False(ProjectHealth.IsOverdue(null, false, Today));
    }
}
