using System.Globalization;

namespace InvestmentCrm.Web.Features.Dashboard;

/// <summary>
/// The geometry of the signing trend as a server-side SVG (no script, so it shows without JavaScript and under the
/// CSP): cumulative 万元 at the end of each elapsed month, one polyline per series from 0 on 1 January, and the
/// target as a dashed straight line from 0 to the year's target (the even spread of <see cref="SigningTrend"/>).
/// Coordinates are in a fixed view box that the page scales to its width.
/// </summary>
public sealed class TrendChart
{
    public const int Width = 480;
    public const int Height = 240;
    public const int Left = 60;
    public const int Right = 8;
    public const int Top = 10;
    public const int Bottom = 22;
    public const int GridLines = 4;

    public TrendChart(SigningTrend trend)
    {
        Trend = trend;
        var highest = trend.Series.SelectMany(s => s.Months.Where(m => m.Elapsed).Select(m => m.CumulativeWan))
            .Append(trend.Total.TargetWan ?? 0).DefaultIfEmpty(0).Max();
        Step = NiceStep(highest / GridLines);
        Ceiling = Step * GridLines;
    }

    public SigningTrend Trend { get; }

    /// <summary>The 万元 between two grid lines: 1, 2 or 5 times a power of ten.</summary>
    public decimal Step { get; }

    public decimal Ceiling { get; }

    public static double PlotWidth => Width - Left - Right;

    public static double PlotHeight => Height - Top - Bottom;

    public static string X(double month) => Format(Left + PlotWidth * month / 12);

    public string Y(decimal wan) => Format(Top + PlotHeight * (1 - (double)(wan / Ceiling)));

    public IEnumerable<decimal> Grid => Enumerable.Range(0, GridLines + 1).Select(i => Step * i);

    /// <summary>The series' points: the origin, then the end of each month with figures.</summary>
    public string Points(TrendSeries series) =>
        string.Join(' ', series.Months.Where(m => m.Elapsed).Select(m => X(m.Month) + "," + Y(m.CumulativeWan)).Prepend(X(0) + "," + Y(0)));

    public string TargetPoints => X(0) + "," + Y(0) + " " + X(12) + "," + Y(Trend.Total.TargetWan ?? 0);

    private static decimal NiceStep(decimal rough)
    {
        if (rough <= 0)
        {
            return 1;
        }

        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        foreach (var factor in new[] { 1m, 2m, 5m, 10m })
        {
            if (factor * power >= rough)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }

    private static string Format(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
