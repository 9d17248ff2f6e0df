namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>What a project looks like before a stage move, as far as the rules care.</summary>
public sealed record StageState(string Stage, DateOnly? SignedOn, decimal? ContractedInvestmentWan);

/// <summary>A requested move: target stage, the note (the reason for lost and on hold) and the signing figures.</summary>
public sealed record StageMove(string ToStage, string? Note, DateOnly? SignedOn, decimal? ContractedInvestmentWan);

/// <summary>The outcome: problems as UI-string keys (empty when allowed) and the signing fields to store.</summary>
public sealed record StageDecision(IReadOnlyList<string> Problems, DateOnly? SignedOn, decimal? ContractedInvestmentWan, bool CountsSigning)
{
    public bool Allowed => Problems.Count == 0;
}

/// <summary>
/// The stage rules: lost and on hold need a reason; reaching a signed stage needs a signing date (not in the
/// future) and a contracted investment the first time; the signing is kept from then on, so moving back and
/// forth never counts it twice.
/// </summary>
public static class StageRules
{
    public const string UnknownStage = "Projects.Error.UnknownStage";
    public const string SameStage = "Projects.Error.SameStage";
    public const string ReasonRequired = "Projects.Error.ReasonRequired";
    public const string SignedOnRequired = "Projects.Error.SignedOnRequired";
    public const string SignedOnInFuture = "Projects.Error.SignedOnInFuture";
    public const string ContractedRequired = "Projects.Error.ContractedRequired";

    public static StageDecision Decide(StageState current, StageMove move, DateOnly today)
    {
        var problems = new List<string>();
        if (!ProjectStages.IsKnown(move.ToStage))
        {
            return new StageDecision([UnknownStage], current.SignedOn, current.ContractedInvestmentWan, false);
        }

        if (move.ToStage == current.Stage)
        {
            problems.Add(SameStage);
        }

        if (ProjectStages.NeedsReason(move.ToStage) && string.IsNullOrWhiteSpace(move.Note))
        {
            problems.Add(ReasonRequired);
        }

        var signedOn = current.SignedOn;
        var contracted = current.ContractedInvestmentWan;
        var countsSigning = false;
        if (ProjectStages.IsSigned(move.ToStage) && current.SignedOn is null)
        {
            if (move.SignedOn is null)
            {
                problems.Add(SignedOnRequired);
            }
            else if (move.SignedOn > today)
            {
                problems.Add(SignedOnInFuture);
            }

            if (move.ContractedInvestmentWan is not > 0)
            {
                problems.Add(ContractedRequired);
            }

            signedOn = move.SignedOn;
            contracted = move.ContractedInvestmentWan;
            countsSigning = true;
        }

        return problems.Count > 0
            ? new StageDecision(problems, current.SignedOn, current.ContractedInvestmentWan, false)
            : new StageDecision([], signedOn, contracted, countsSigning);
    }
}
