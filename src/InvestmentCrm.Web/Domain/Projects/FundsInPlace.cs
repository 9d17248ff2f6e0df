namespace InvestmentCrm.Web.Domain.Projects;

/// <summary>One entry of a project's funds-in-place ledger (到位资金) as the rules see it.</summary>
public sealed record FundsInput(DateOnly? ReceivedOn, decimal? AmountWan, string Kind, decimal? AmountUsd, string? Note);

/// <summary>
/// 到位资金: money actually invested in a project, in 万元, on the day it arrived; domestic (内资) or foreign (外资), a
/// foreign entry may also carry its amount in US dollars. One entry per project, day and kind (two payments of a day
/// are one entry): that is the key the ledger import upserts by, so re-importing a file changes nothing. "The year's
/// funds in place" is the one SQL filter <see cref="InPeriod"/>, by the day the money arrived.
/// </summary>
public static class FundsInPlace
{
    public const string Domestic = "domestic";
    public const string Foreign = "foreign";

    public static readonly IReadOnlyList<string> Kinds = [Domestic, Foreign];

    /// <summary>No ledger goes back further (a date before it is a typing error such as 0202-05-01).</summary>
    public static readonly DateOnly FirstDay = new(2000, 1, 1);

    /// <summary>1,000 亿元 in 万元: larger is a unit mistake (元 typed as 万元).</summary>
    public const decimal MaxAmountWan = 10_000_000m;

    /// <summary>The same ceiling in US dollars.</summary>
    public const decimal MaxAmountUsd = 20_000_000_000m;

    public const int NoteMaxLength = 500;

    /// <summary>Over <c>FundsInPlace f</c>: received in [@FundsFrom, @FundsTo).</summary>
    public const string InPeriod = "(f.ReceivedOn >= @FundsFrom AND f.ReceivedOn < @FundsTo)";

    /// <summary>The parameters of <see cref="InPeriod"/> for a calendar year.</summary>
    public static object Year(int year) => new { FundsFrom = new DateOnly(year, 1, 1), FundsTo = new DateOnly(year + 1, 1, 1) };

    /// <summary>Funds in place as a share of the contracted investment, in whole per cent (null without a contract).</summary>
    public static decimal? PercentOf(decimal inPlaceWan, decimal? contractedWan) =>
        contractedWan is > 0 ? Math.Round(inPlaceWan * 100m / contractedWan.Value, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// What is wrong with an entry, as (field, UI-string key, arguments): a date between <see cref="FirstDay"/> and
    /// today, a positive amount in 万元 with at most two decimals and below <see cref="MaxAmountWan"/>, a known kind,
    /// a US-dollar amount only for foreign funds (positive, two decimals), a note of at most 500 characters.
    /// </summary>
    public static IEnumerable<(string Field, string Key, object[] Args)> Problems(FundsInput input, DateOnly today)
    {
        if (input.ReceivedOn is not { } day)
        {
            yield return ("ReceivedOn", "Funds.Error.DateRequired", []);
        }
        else if (day > today)
        {
            yield return ("ReceivedOn", "Funds.Error.DateInFuture", [today.ToString("yyyy-MM-dd")]);
        }
        else if (day < FirstDay)
        {
            yield return ("ReceivedOn", "Funds.Error.DateTooEarly", [FirstDay.ToString("yyyy-MM-dd")]);
        }

        foreach (var problem in AmountProblems("AmountWan", input.AmountWan, required: true, MaxAmountWan))
        {
            yield return problem;
        }

        if (!Kinds.Contains(input.Kind))
        {
            yield return ("Kind", "Funds.Error.UnknownKind", [input.Kind]);
        }
        else if (input.AmountUsd is not null && input.Kind != Foreign)
        {
            yield return ("AmountUsd", "Funds.Error.UsdOnlyForeign", []);
        }
        else
        {
            foreach (var problem in AmountProblems("AmountUsd", input.AmountUsd, required: false, MaxAmountUsd))
            {
                yield return problem;
            }
        }

        if (input.Note is { Length: > NoteMaxLength })
        {
            yield return ("Note", "Funds.Error.NoteTooLong", [NoteMaxLength]);
        }
    }

    private static IEnumerable<(string Field, string Key, object[] Args)> AmountProblems(string field, decimal? amount, bool required, decimal max)
    {
        if (amount is not { } value)
        {
            if (required)
            {
                yield return (field, "Funds.Error.AmountRequired", []);
            }
        }
        else if (value <= 0)
        {
            yield return (field, "Funds.Error.AmountNotPositive", []);
        }
        else if (value > max)
        {
            yield return (field, "Funds.Error.AmountTooLarge", [max.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else if (decimal.Round(value, 2) != value)
        {
            yield return (field, "Funds.Error.TooManyDecimals", []);
        }
    }
}
