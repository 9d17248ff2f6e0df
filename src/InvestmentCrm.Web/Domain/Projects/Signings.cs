namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>
/// "Signed in a period" (签约): a project counts as signed in the period that holds its signing date, with its
/// contracted investment, whatever its stage is now. A signing happened when it happened: a project put on hold or
/// lost afterwards was still signed that year (the dashboard shows separately how many of them are parked now), and
/// moving back and forth never counts it twice because <see cref="StageRules"/> keeps the first signing. The
/// dashboard, the weekly digest and the targets all count with these fragments, over <c>Projects p</c>, with the
/// parameters of a <see cref="SigningPeriod"/>.
/// </summary>
public static class Signings
{
    /// <summary>Signed on or after <c>@SignedFrom</c> and before <c>@SignedBefore</c>.</summary>
    public const string InPeriod = "(p.SignedOn >= @SignedFrom AND p.SignedOn < @SignedBefore)";

    /// <summary>
    /// The investment a signing counts: the contracted amount, which every signing has (the stage move asks for it,
    /// an import takes the planned amount); the planned amount for a row loaded without it.
    /// </summary>
    public const string InvestmentWan = "COALESCE(p.ContractedInvestmentWan, p.PlannedInvestmentWan)";
}

/// <summary>The days [<see cref="SignedFrom"/>, <see cref="SignedBefore"/>) a count of signings covers.</summary>
public sealed record SigningPeriod(DateOnly SignedFrom, DateOnly SignedBefore)
{
    /// <summary>A calendar year.</summary>
    public static SigningPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    /// <summary>The year of the day before <paramref name="before"/>, from its 1 January up to <paramref name="before"/>.</summary>
    public static SigningPeriod YearUntil(DateOnly before) => new(new DateOnly(before.AddDays(-1).Year, 1, 1), before);

    public bool Contains(DateOnly? signedOn) => signedOn >= SignedFrom && signedOn < SignedBefore;
}
