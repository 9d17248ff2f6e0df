namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>What a project looks like before a stage move, as far as the rules care.</summary>
public sealed record StageState(string Stage, DateOnly? SignedOn, decimal? ContractedInvestmentWan);

/// <summary>A requested move: target stage, the note (the reason for lost, on hold and any move back), the signing
/// figures, and whether the user confirmed a move back (see <see cref="StageRules.IsBackward"/>).</summary>
public sealed record StageMove(string ToStage, string? Note, DateOnly? SignedOn, decimal? ContractedInvestmentWan, bool BackwardConfirmed = false);

/// <summary>The outcome: problems as UI-string keys (empty when allowed) and the signing fields to store.</summary>
public sealed record StageDecision(IReadOnlyList<string> Problems, DateOnly? SignedOn, decimal? ContractedInvestmentWan, bool CountsSigning)
{
    public bool Allowed => Problems.Count == 0;

    /// <summary>The move goes back (<see cref="StageRules.IsBackward"/>): its note is the reason for going back.</summary>
    public bool Backward { get; init; }
}

/// <summary>
/// The stage rules: lost and on hold need a reason; reaching a signed stage needs a signing date (not in the
/// future) and a contracted investment the first time; the signing is kept from then on, so moving back and
/// forth never counts it twice. A move back must be confirmed and give its reason: one click must not undo a
/// signing (a signed project was moved back to lead by a form that preselected 线索).
/// </summary>
public static class StageRules
{
    public const string StageRequired = "Projects.Error.StageRequired";
    public const string UnknownStage = "Projects.Error.UnknownStage";
    public const string SameStage = "Projects.Error.SameStage";
    public const string ReasonRequired = "Projects.Error.ReasonRequired";
    public const string SignedOnRequired = "Projects.Error.SignedOnRequired";
    public const string SignedOnInFuture = "Projects.Error.SignedOnInFuture";
    public const string ContractedRequired = "Projects.Error.ContractedRequired";
    public const string BackwardNotConfirmed = "Projects.Error.BackwardNotConfirmed";
    public const string BackwardReasonRequired = "Projects.Error.BackwardReasonRequired";

    /// <summary>
    /// Whether moving from <paramref name="from"/> to <paramref name="to"/> goes back: to an earlier stage of the
    /// pipeline (so also from signed or later to before signed), or out of on hold or lost, which reopens the
    /// project. On hold → lost is not a move back: it closes the project, and lost needs its reason anyway.
    /// </summary>
    public static bool IsBackward(string from, string to)
    {
        if (from == to || !ProjectStages.IsKnown(from) || !ProjectStages.IsKnown(to))
        {
            return false;
        }

        if (ProjectStages.NeedsReason(from))
        {
            return !(from == ProjectStages.OnHold && to == ProjectStages.Lost);
        }

        var target = PipelinePosition(to);
        return target >= 0 && target < PipelinePosition(from);
    }

    private static int PipelinePosition(string stage)
    {
        for (var i = 0; i < ProjectStages.Pipeline.Count; i++)
        {
            if (ProjectStages.Pipeline[i] == stage)
            {
                return i;
            }
        }

        return -1;
    }

    public static StageDecision Decide(StageState current, StageMove move, DateOnly today)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(move.ToStage))
        {
            return new StageDecision([StageRequired], current.SignedOn, current.ContractedInvestmentWan, false);
        }

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

        var backward = IsBackward(current.Stage, move.ToStage);
        if (backward && !move.BackwardConfirmed)
        {
            problems.Add(BackwardNotConfirmed);
        }

        if (backward && !ProjectStages.NeedsReason(move.ToStage) && string.IsNullOrWhiteSpace(move.Note))
        {
            problems.Add(BackwardReasonRequired);
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
            ? new StageDecision(problems, current.SignedOn, current.ContractedInvestmentWan, false) { Backward = backward }
            : new StageDecision([], signedOn, contracted, countsSigning) { Backward = backward };
    }
}
