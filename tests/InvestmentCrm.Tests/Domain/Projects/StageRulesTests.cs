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

    [Theory]
    [InlineData(ProjectStages.Signed, ProjectStages.Lead)]
    [InlineData(ProjectStages.InProduction, ProjectStages.Negotiation)]
    [InlineData(ProjectStages.Started, ProjectStages.Signed)]
    [InlineData(ProjectStages.Contacted, ProjectStages.Lead)]
    [InlineData(ProjectStages.OnHold, ProjectStages.Negotiation)]
    [InlineData(ProjectStages.OnHold, ProjectStages.Signed)]
    [InlineData(ProjectStages.Lost, ProjectStages.Lead)]
    [InlineData(ProjectStages.Lost, ProjectStages.OnHold)]
    public void A_move_back_must_be_confirmed_and_give_its_reason(string from, string to)
    {
        Assert.True(StageRules.IsBackward(from, to));
        var signedOn = ProjectStages.IsSigned(from) ? new DateOnly(2026, 3, 20) : (DateOnly?)null;
        var contracted = signedOn is null ? (decimal?)null : 60000m;
        var signing = signedOn is null && ProjectStages.IsSigned(to) ? new StageMove(to, null, Today, 1m) : new StageMove(to, null, null, null);

        var bare = Decide(from, signing, signedOn, contracted);
        Assert.Contains(StageRules.BackwardNotConfirmed, bare.Problems);
        Assert.True(bare.Backward);

        var confirmedWithoutReason = Decide(from, signing with { BackwardConfirmed = true }, signedOn, contracted);
        Assert.Contains(ProjectStages.NeedsReason(to) ? StageRules.ReasonRequired : StageRules.BackwardReasonRequired, confirmedWithoutReason.Problems);
        Assert.DoesNotContain(StageRules.BackwardNotConfirmed, confirmedWithoutReason.Problems);

        var reasonWithoutConfirmation = Decide(from, signing with { Note = "企业推迟签约" }, signedOn, contracted);
        Assert.Equal([StageRules.BackwardNotConfirmed], reasonWithoutConfirmation.Problems);

        Assert.True(Decide(from, signing with { Note = "企业推迟签约", BackwardConfirmed = true }, signedOn, contracted).Allowed);
    }

    [Theory]
    [InlineData(ProjectStages.Lead, ProjectStages.Contacted)]
    [InlineData(ProjectStages.Lead, ProjectStages.Signed)]
    [InlineData(ProjectStages.Negotiation, ProjectStages.OnHold)]
    [InlineData(ProjectStages.InProduction, ProjectStages.Lost)]
    [InlineData(ProjectStages.OnHold, ProjectStages.Lost)]
    [InlineData(ProjectStages.Signed, ProjectStages.Signed)]
    public void Forward_moves_and_parking_or_losing_a_project_are_not_moves_back(string from, string to)
    {
        Assert.False(StageRules.IsBackward(from, to));
    }

    [Fact]
    public void An_unchosen_stage_means_no_change_and_is_refused_with_its_own_message()
    {
        Assert.Equal([StageRules.StageRequired], Decide(ProjectStages.Signed, new StageMove("", null, null, null), Today, 5000m).Problems);
        Assert.Equal([StageRules.StageRequired], Decide(ProjectStages.Signed, new StageMove("  ", "x", null, null, true), Today, 5000m).Problems);
    }
}
