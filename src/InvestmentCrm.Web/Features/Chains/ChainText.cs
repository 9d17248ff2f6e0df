using System.Globalization;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>What the chain pages share: names in the reader's language, who may edit, problems onto a form.</summary>
public static class ChainText
{
    /// <summary>The English name for English readers when there is one, otherwise the Chinese name.</summary>
    public static string Name(string name, string? nameEn) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(nameEn)
            ? nameEn
            : name;

    public static bool CanEdit(System.Security.Claims.ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Leader);

    /// <summary>Every problem as a form error in the reader's language, under <paramref name="key"/> ("" for the summary).</summary>
    public static void AddTo(ModelStateDictionary modelState, IStringLocalizer l, IEnumerable<FieldProblem> problems, string key = "")
    {
        foreach (var problem in problems)
        {
            modelState.AddModelError(key, ChainProblemText.Message(l, problem));
        }
    }

    /// <summary>Industry codes as typed: separated by ; , spaces or their full-width forms.</summary>
    public static IReadOnlyList<string> SplitCodes(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? []
            : text.Split([';', ',', ' ', '；', '，', '、', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(c => c.ToUpperInvariant())
                .ToList();

    public static string SegmentKey(string segment) => "Chains.Segment." + segment;

    /// <summary>The diagram's texts in the reader's language. <paramref name="statusKeys"/> is the prefix of the legend's
    /// status names: "Chains.Status." on the chain's own page, "Gaps.Legend." where the colours are the gap analysis.</summary>
    public static DiagramLabels DiagramLabels(IStringLocalizer l, string statusKeys, string title) => new(
        l[SegmentKey(Segments.Upstream)],
        l[SegmentKey(Segments.Midstream)],
        l[SegmentKey(Segments.Downstream)],
        l[SegmentKey(Segments.Support)],
        l["Chains.Diagram.CountFormat"],
        l[statusKeys + GapStatus.Missing],
        l[statusKeys + GapStatus.Weak],
        l[statusKeys + GapStatus.Extend],
        l[statusKeys + GapStatus.Covered],
        l[statusKeys + GapStatus.None],
        l["Chains.Diagram.KeyLink"],
        title);
}
