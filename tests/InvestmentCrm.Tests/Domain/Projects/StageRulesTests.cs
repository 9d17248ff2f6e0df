using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Tests.Domain.Projects;

public sealed class StageRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static StageDecision Decide(string from, StageMove move, DateOnly? signedOn = null, decimal? contracted = null) =>
        StageRules.Decide(new StageState(from, signedOn, contracted), move, Today);

    [Theory]
    [InlineData(ProjectStages.Lost)]
    [InlineData(ProjectStages.OnHold)]
    public void Moving_to_lost_or_on_hold_needs_a_reason(string to)
    {
        Assert.Equal([StageRules.ReasonRequired], Decide(ProjectStages.Negotiation, new StageMove(to, "  ", null, null)).Problems);
        Assert.True(Decide(ProjectStages.Negotiation, new StageMove(to, "企业转投外省", null, null)).Allowed);
    }

    [Fact]
    public void Signing_needs_a_date_and_a_positive_contracted_investment()
    {
        var missing = Decide(ProjectStages.Negotiation, new StageMove(ProjectStages.Signed, null, null, 0m));
        Assert.Equal([StageRules.SignedOnRequired, StageRules.ContractedRequired], missing.Problems);

        var ok = Decide(ProjectStages.Negotiation, new StageMove(ProjectStages.Signed, null, Today, 5000m));
        Assert.True(ok.Allowed);
        Assert.True(ok.CountsSigning);
        Assert.Equal((Today, 5000m), (ok.SignedOn!.Value, ok.ContractedInvestmentWan!.Value));
    }

    [Fact]
    public void A_signing_date_in_the_future_is_refused()
    {
        var decision = Decide(ProjectStages.Negotiation, new StageMove(ProjectStages.Signed, null, Today.AddDays(1), 100m));
        Assert.Equal([StageRules.SignedOnInFuture], decision.Problems);
    }

    [Fact]
    public void A_project_signed_before_keeps_its_signing_when_it_comes_back_and_does_not_count_again()
    {
        var first = new DateOnly(2026, 3, 20);
        var back = Decide(ProjectStages.Signed, new StageMove(ProjectStages.Negotiation, null, null, null), first, 60000m);
        Assert.Equal((first, 60000m), (back.SignedOn!.Value, back.ContractedInvestmentWan!.Value));

        var again = Decide(ProjectStages.Negotiation, new StageMove(ProjectStages.Signed, null, Today, 1m), first, 60000m);
        Assert.True(again.Allowed);
        Assert.False(again.CountsSigning);
        Assert.Equal((first, 60000m), (again.SignedOn!.Value, again.ContractedInvestmentWan!.Value));
    }

    [Fact]
    public void Jumping_to_in_production_without_a_signing_needs_the_signing_figures()
    {
        Assert.Contains(StageRules.SignedOnRequired, Decide(ProjectStages.Lead, new StageMove(ProjectStages.InProduction, null, null, null)).Problems);
    }

    [Fact]
    public void Unknown_and_unchanged_stages_are_refused()
    {
        Assert.Equal([StageRules.UnknownStage], Decide(ProjectStages.Lead, new StageMove("won", null, null, null)).Problems);
        Assert.Equal([StageRules.SameStage], Decide(ProjectStages.Lead, new StageMove(ProjectStages.Lead, null, null, null)).Problems);
    }
}
