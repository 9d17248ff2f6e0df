namespace InvestmentCrm.Web.Domain.Land;

/// <summary>One park's land-efficiency figures for a year. Average per-mu figures are land-weighted (the park's
/// total tax or output over its total land), the way a park's 亩均税收 is reported.</summary>
public sealed record ParkLandFigures(
    int Enterprises,
    decimal LandMu,
    IReadOnlyDictionary<LandGrade, decimal> LandByGrade,
    IReadOnlyDictionary<LandGrade, int> CountByGrade,
    decimal? TaxPerMu,
    decimal? OutputPerMu,
    decimal FreeableLandMu)
{
    /// <summary>Aggregates the graded enterprises of one park. Freeable land is the land of D enterprises, plus that of
    /// C enterprises when <paramref name="includeC"/>.</summary>
    public static ParkLandFigures Of(IReadOnlyCollection<GradedEnterprise> enterprises, bool includeC)
    {
        var land = enterprises.Sum(e => e.Figures.LandMu);
        var byGrade = Enum.GetValues<LandGrade>().ToDictionary(g => g, g => enterprises.Where(e => e.Grade == g).Sum(e => e.Figures.LandMu));
        var counts = Enum.GetValues<LandGrade>().ToDictionary(g => g, g => enterprises.Count(e => e.Grade == g));
        return new ParkLandFigures(
            enterprises.Count,
            land,
            byGrade,
            counts,
            land > 0 ? enterprises.Sum(e => e.Figures.TaxWan) / land : null,
            land > 0 ? enterprises.Sum(e => e.Figures.OutputWan) / land : null,
            byGrade[LandGrade.D] + (includeC ? byGrade[LandGrade.C] : 0));
    }

    /// <summary>Relative change from <paramref name="before"/> to <paramref name="now"/> (0.1 = +10 %); null when
    /// either is missing or the earlier one is 0.</summary>
    public static decimal? Change(decimal? now, decimal? before) =>
        now is { } n && before is { } b && b != 0 ? (n - b) / b : null;
}
