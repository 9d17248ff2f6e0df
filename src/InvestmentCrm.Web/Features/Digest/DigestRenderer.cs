using System.Globalization;
using System.Net;
using System.Text;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Infrastructure.Localization;
using InvestmentCrm.Web.Infrastructure.Web;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Features.Digest;

/// <summary>A digest as its recipient reads it: subject, HTML and plain text, in the recipient's language.</summary>
public sealed record RenderedDigest(string Subject, string Html, string Text);

/// <summary>
/// Writes a digest as e-mail that common clients show well: table layout, inline styles only, no scripts, no
/// remote images; every project links back to the app (<c>App:BaseUrl</c>). The plain-text part says the same.
/// </summary>
public sealed class DigestRenderer(UiStrings strings, IOptions<AppOptions> appOptions)
{
    private const string Font = "font-family:'Microsoft YaHei','PingFang SC','Noto Sans CJK SC',Arial,Helvetica,sans-serif;";
    private const string CellStyle = "padding:6px 8px;border-bottom:1px solid #e3e8ee;text-align:left;vertical-align:top;";
    private const string HeadCell = "padding:6px 8px;border-bottom:2px solid #c8d1db;text-align:left;font-weight:bold;background:#f1f4f8;";
    private const string Link = "color:#1d4e89;text-decoration:underline;";

    public RenderedDigest Render(DigestContent content) =>
        AppCultures.With(content.Recipient.Culture, () => new Writer(new JsonStringLocalizer(strings), BaseUrl, appOptions.Value.FindTimeZone(), content).Write());

    private string BaseUrl => appOptions.Value.BaseUrl.TrimEnd('/');

    private sealed class Writer(IStringLocalizer l, string baseUrl, TimeZoneInfo zone, DigestContent content)
    {
        private readonly StringBuilder html = new();
        private readonly StringBuilder text = new();

        private static CultureInfo Culture => CultureInfo.CurrentCulture;

        public RenderedDigest Write()
        {
            var week = content.Week;
            var range = l["Email.Digest.Range", Date(week.Monday), Date(week.NextMonday.AddDays(-1))].Value;
            var subject = l["Email.Digest.Subject", week.ToString(), range].Value;
            var lang = Culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh-CN";

            html.Append(CultureInfo.InvariantCulture, $"""
                <!DOCTYPE html>
                <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(subject)}</title></head>
                <body style="margin:0;padding:0;background:#f4f6f8;">
                <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f6f8;"><tr><td align="center" style="padding:16px 8px;">
                <table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:680px;background:#ffffff;border:1px solid #dde3ea;{Font}font-size:14px;line-height:1.5;color:#1f2933;">
                <tr><td style="background:#1d4e89;color:#ffffff;padding:16px 20px;font-size:18px;font-weight:bold;{Font}">{E(l["Email.Digest.Heading"])} · {E(week.ToString())}</td></tr>
                <tr><td style="padding:16px 20px 4px 20px;{Font}">{E(l["Email.Digest.Greeting", content.Recipient.DisplayName])}<br>{E(l["Email.Digest.Intro", range])}</td></tr>

                """);
            text.AppendLine(subject).AppendLine(new string('=', 40)).AppendLine(l["Email.Digest.Greeting", content.Recipient.DisplayName])
                .AppendLine(l["Email.Digest.Intro", range]).AppendLine();

            if (content.Recipient.SeesAll)
            {
                WriteGaps(led: true);
            }

            if (content.IsEmptyWeek)
            {
                Paragraph(l["Email.Digest.EmptyWeek"]);
            }
            else
            {
                WriteProjectSections();
            }

            if (content.Recipient.SeesAll)
            {
                WriteTargets();
                WriteGaps(led: false);
            }

            var profile = $"{baseUrl}/account/profile";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td style="padding:16px 20px;border-top:1px solid #e3e8ee;color:#6b7785;font-size:12px;{Font}">{E(l["Email.Digest.Footer"])} <a href="{E(profile)}" style="{Link}">{E(l["Email.Digest.ManagePreferences"])}</a> · <a href="{E(baseUrl + "/")}" style="{Link}">{E(l["App.Name"])}</a></td></tr>
                </table>
                </td></tr></table>
                </body></html>
                """);
            text.AppendLine().AppendLine("--").AppendLine($"{l["Email.Digest.Footer"]} {l["Email.Digest.ManagePreferences"]}: {profile}")
                .AppendLine($"{l["App.Name"]}: {baseUrl}/");
            return new RenderedDigest(subject, html.ToString(), text.ToString());
        }

        private void WriteProjectSections()
        {
            Table(l["Email.Digest.StageChanges"], content.StageChanges,
                [l["Email.Col.Project"], l["Email.Col.Stage"], l["Email.Col.Date"]],
                r => [Project(r.Code, r.Title), Text($"{StageName(r.FromStage)} → {StageName(r.ToStage)}"), Text(Date(r.ChangedAtUtc))]);
            Table(l["Email.Digest.NewProjects"], content.NewProjects,
                [l["Email.Col.Project"], l["Email.Col.Enterprise"], l["Email.Col.Stage"], l["Email.Col.Owner"], l["Email.Col.PlannedInvestment"]],
                r => [Project(r.Code, r.Title), Text(r.EnterpriseName), Text(StageName(r.Stage)), Text(r.OwnerName), Number(Wan(r.PlannedInvestmentWan))]);
            Table(l["Email.Digest.Signings", content.Signings.Total, Wan(content.SignedInvestmentWan)], content.Signings,
                [l["Email.Col.Project"], l["Email.Col.Enterprise"], l["Email.Col.SignedOn"], l["Email.Col.Investment"]],
                r => [Project(r.Code, r.Title), Text(r.EnterpriseName), Text(Date(r.SignedOn)), Number(Wan(r.InvestmentWan))], countInTitle: false);
            // The week the digest reports on ends on Sunday; the follow-ups it lists as coming are those of the week
            // after, the one the mail arrives in: both named by their dates, since "this week" could be either.
            var weekEnd = content.Week.NextMonday.AddDays(-1);
            Table(l["Email.Digest.Overdue", Date(weekEnd)], content.Overdue,
                [l["Email.Col.Project"], l["Email.Col.NextStep"], l["Email.Col.DueOn"], l["Email.Col.Owner"]],
                r => [Project(r.Code, r.Title), Text(r.NextStep), Text(Date(r.DueOn), "#b42318"), Text(r.OwnerName)]);
            Table(l["Email.Digest.DueNextWeek", Date(content.Week.NextMonday), Date(content.Week.NextMonday.AddDays(6))], content.DueThisWeek,
                [l["Email.Col.Project"], l["Email.Col.NextStep"], l["Email.Col.DueOn"], l["Email.Col.Owner"]],
                r => [Project(r.Code, r.Title), Text(r.NextStep), Text(Date(r.DueOn)), Text(r.OwnerName)]);
            Table(l["Email.Digest.OverdueMatters"], content.OverdueMatters,
                [l["Email.Col.Project"], l["Email.Col.Matter"], l["Email.Col.Responsible"], l["Email.Col.DueOn"], l["Email.Col.Owner"]],
                r => [Project(r.Code, r.Title), Text(l["Display.LabelValue", Localized("Matters.Category." + r.Category, r.Category), r.Description]),
                      Text(r.Responsible), Text(Date(r.DueOn), "#b42318"), Text(r.OwnerName)], moreLink: baseUrl + "/matters?overdue=true");
            StaleTable(l["Email.Digest.Red"], content.RedProjects, "#b42318");
            StaleTable(l["Email.Digest.Yellow"], content.YellowProjects, "#b54708");
        }

        private void StaleTable(string title, DigestSection<StaleProjectItem> section, string color) =>
            Table(title, section,
                [l["Email.Col.Project"], l["Email.Col.Owner"], l["Email.Col.LastActivity"], l["Email.Col.IdleDays"]],
                r => [Project(r.Code, r.Title), Text(r.OwnerName), Text(r.LastActivityOn is { } d ? Date(d) : l["Email.NoActivity"]), Text(r.IdleDays.ToString(Culture), color)]);

        private void WriteTargets()
        {
            var rows = content.Targets;
            var section = new DigestSection<TargetItem>(rows, rows.Count);
            Table(l["Email.Digest.Targets", content.Week.NextMonday.AddDays(-1).Year], section,
                [l["Email.Col.Team"], l["Email.Col.Signed"], l["Email.Col.Target"], l["Email.Col.Progress"]],
                r => [Text(r.TeamName ?? l["Email.WholeBureau"]), Number(Wan(r.SignedWan)), Number(r.TargetWan is null ? l["Email.NoTarget"] : Wan(r.TargetWan)),
                      Number(r.Percent is { } pct ? pct.ToString("0.0", Culture) + "%" : "—")], countInTitle: false);
        }

        /// <summary>The chains the recipient is chief of (链长) first, before the project sections, their changes
        /// leading; the other chains after the targets.</summary>
        private void WriteGaps(bool led)
        {
            foreach (var chain in content.Gaps.Where(g => g.LedByRecipient == led))
            {
                var link = $"{baseUrl}/chains/{Uri.EscapeDataString(chain.ChainCode)}/gaps";
                var chainName = English && !string.IsNullOrEmpty(chain.ChainNameEn) ? chain.ChainNameEn : chain.ChainName;
                if (led)
                {
                    Paragraph(l["Email.Digest.ChiefOf", chainName]);
                    WriteGapChanges(chain, chainName, link);
                }

                Table(l["Email.Digest.TopGaps", chainName], new DigestSection<GapDigestItem>(chain.TopGaps, chain.TopGaps.Count),
                    [l["Email.Col.Rank"], l["Email.Col.Node"], l["Email.Col.GapStatus"], l["Email.Col.Score"]],
                    g => [Text(g.Rank?.ToString(Culture) ?? "—"), Linked(link, NodeName(g)), Text(GapStatus(g.Status)), Number(g.Score?.ToString("0.00", Culture) ?? "—")],
                    moreLink: link);
                if (!led)
                {
                    WriteGapChanges(chain, chainName, link);
                }
            }
        }

        private void WriteGapChanges(ChainGapDigest chain, string chainName, string link)
        {
            var changes = chain.Opened.Select(g => (Change: l["Email.Gap.Opened"].Value, Gap: g))
                .Concat(chain.Closed.Select(g => (Change: l["Email.Gap.Closed"].Value, Gap: g))).ToList();
            if (chain.BaselineUtc is not { } baseline)
            {
                Paragraph(l["Email.Digest.NoGapBaseline", chainName]);
            }
            else if (changes.Count == 0)
            {
                Paragraph(l["Email.Digest.NoGapChanges", chainName, Date(baseline)]);
            }
            else
            {
                Table(l["Email.Digest.GapChanges", chainName, Date(baseline)], new DigestSection<(string Change, GapDigestItem Gap)>(changes, changes.Count),
                    [l["Email.Col.Change"], l["Email.Col.Node"], l["Email.Col.GapStatus"]],
                    c => [Text(c.Change), Linked(link, NodeName(c.Gap)), Text(GapStatus(c.Gap.Status))]);
            }
        }

        private void Paragraph(string line)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:8px 20px;{Font}\">{E(line)}</td></tr>\n");
            text.AppendLine(line).AppendLine();
        }

        /// <summary>A titled table; an empty section is left out entirely.</summary>
        private void Table<T>(string title, DigestSection<T> section, string[] headers, Func<T, Cell[]> cells, string? moreLink = null, bool countInTitle = true)
        {
            if (section.Total == 0)
            {
                return;
            }

            var heading = countInTitle ? $"{title} ({section.Total.ToString(Culture)})" : title;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td style=\"padding:12px 20px 4px 20px;{Font}\"><h2 style=\"margin:0 0 6px 0;font-size:16px;color:#1d4e89;{Font}\">{E(heading)}</h2>\n");
            html.Append(CultureInfo.InvariantCulture, $"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%;font-size:13px;{Font}\">\n<tr>");
            var first = section.Rows.Count > 0 ? cells(section.Rows[0]) : [];
            for (var i = 0; i < headers.Length; i++)
            {
                var align = i < first.Length && first[i].Right ? "text-align:right;" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<th style=\"{HeadCell}{Font}{align}\">{E(headers[i])}</th>");
            }

            html.Append("</tr>\n");
            text.AppendLine(heading).AppendLine(new string('-', 24));
            foreach (var row in section.Rows)
            {
                var values = cells(row);
                html.Append("<tr>");
                foreach (var cell in values)
                {
                    var style = CellStyle + Font + (cell.Right ? "text-align:right;" : string.Empty) + (cell.Color is null ? string.Empty : $"color:{cell.Color};");
                    html.Append(CultureInfo.InvariantCulture, $"<td style=\"{style}\">{cell.Html}</td>");
                }

                html.Append("</tr>\n");
                text.Append("- ").AppendLine(string.Join(" | ", values.Select(v => v.Text)));
            }

            html.Append("</table>\n");
            if (section.Hidden > 0)
            {
                var more = l["Email.Digest.More", section.Hidden].Value;
                var target = moreLink ?? baseUrl + "/projects";
                html.Append(CultureInfo.InvariantCulture, $"<p style=\"margin:6px 0 0 0;font-size:12px;{Font}\"><a href=\"{E(target)}\" style=\"{Link}\">{E(more)}</a></p>\n");
                text.AppendLine(CultureInfo.CurrentCulture, $"  {more}: {target}");
            }

            html.Append("</td></tr>\n");
            text.AppendLine();
        }

        private Cell Project(string code, string title)
        {
            var url = $"{baseUrl}/projects/{Uri.EscapeDataString(code)}";
            return new Cell($"<a href=\"{E(url)}\" style=\"{Link}\">{E(code)}</a> {E(title)}", $"{code} {title} <{url}>");
        }

        private static Cell Linked(string url, string label) => new($"<a href=\"{E(url)}\" style=\"{Link}\">{E(label)}</a>", label);

        private static Cell Text(string value, string? color = null) => new(E(value), value, Color: color);

        private static Cell Number(string value) => new(E(value), value, Right: true);

        private static bool English => Culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);

        private static string NodeName(GapDigestItem gap) => English && !string.IsNullOrEmpty(gap.NodeNameEn) ? gap.NodeNameEn : gap.NodeName;

        private string StageName(string? stage) => stage is null ? "—" : Localized("Email.Stage." + stage, stage);

        private string GapStatus(string status) => Localized("Email.GapStatus." + status, status);

        private string Localized(string key, string fallback)
        {
            var value = l[key];
            return value.ResourceNotFound ? fallback : value.Value;
        }

        private static string Date(DateOnly date) => date.ToString("d", Culture);

        private string Date(DateTime utc) => Date(LocalTime.DayOf(utc, zone));

        private static string Wan(decimal? amount) => amount is { } value ? value.ToString("#,##0.##", Culture) : "—";

        private static string E(string? value) => WebUtility.HtmlEncode(value ?? string.Empty);
    }

    private sealed record Cell(string Html, string Text, bool Right = false, string? Color = null);
}
