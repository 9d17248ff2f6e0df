using System.ComponentModel.DataAnnotations;
using InvestmentCrm.Web.Domain.Projects;

namespace InvestmentCrm.Web.Features.Funds;

/// <summary>The fields of the add and edit forms of a funds-in-place entry; the rules are the writer's.</summary>
public sealed class FundsForm
{
    [Display(Name = "Funds.Field.ReceivedOn")]
    public DateOnly? ReceivedOn { get; set; }

    [Display(Name = "Funds.Field.AmountWan")]
    public decimal? AmountWan { get; set; }

    [Display(Name = "Funds.Field.Kind")]
    public string Kind { get; set; } = FundsInPlace.Domestic;

    [Display(Name = "Funds.Field.AmountUsd")]
    public decimal? AmountUsd { get; set; }

    [Display(Name = "Funds.Field.Note")]
    public string? Note { get; set; }

    public int Version { get; set; }

    public FundsInput ToInput() => new(ReceivedOn, AmountWan, Kind ?? "", AmountUsd, Note);

    public static FundsForm From(FundsRow row) => new()
    {
        ReceivedOn = row.ReceivedOn,
        AmountWan = row.AmountWan,
        Kind = row.Kind,
        AmountUsd = row.AmountUsd,
        Note = row.Note,
        Version = row.Version,
    };
}
