using System.Globalization;
using InvestmentCrm.Web.Domain.Land;
using InvestmentCrm.Web.Infrastructure.Import;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Land;

/// <summary>Texts the land pages and verbs share.</summary>
public static class LandText
{
    public static string Problem(IStringLocalizer l, ImportProblem problem) =>
        problem.Line == 0
            ? l[problem.Key, problem.Args].Value
            : l["Land.Import.ProblemAt", problem.Line, problem.Column ?? "", l[problem.Key, problem.Args].Value].Value;

    public static string GradeName(IStringLocalizer l, LandGrade grade) => l["Land.Grade." + grade].Value;

    public static string Percent(decimal? fraction, int decimals = 1) =>
        fraction is { } f ? f.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture) : Display.Empty;

    /// <summary>A per-mu, per-employee or per-tce indicator: always two decimals, so a column lines up.</summary>
    public static string Indicator(decimal? value) => Number(value, "#,##0.00");

    public static string Number(decimal? value, string format = "#,##0.##") =>
        value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : Display.Empty;
}
