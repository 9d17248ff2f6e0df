using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using InvestmentCrm.Web.Domain.Gaps;
using InvestmentCrm.Web.Features.Chains;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Features.Gaps;

/// <summary>The gap result in words and JSON, in the current culture: reasons, statuses, names, the API's JSON.</summary>
public static class GapText
{
    public static string Name(NodeGap node) => ChainText.Name(node.Name, node.NameEn);

    public static string Name(ChainGaps chain) => ChainText.Name(chain.Name, chain.NameEn);

    /// <summary>补链 / 强链 / 延链 / 已覆盖 / 无 and so on: the status as the reader calls it.</summary>
    public static string Status(IStringLocalizer l, string status) => l["Gaps.Status." + status];

    public static string Stage(IStringLocalizer l, string stage) => l["Gaps.Stage." + stage];

    /// <summary>The node's "why this gap", one sentence per reason.</summary>
    public static IReadOnlyList<string> Reasons(IStringLocalizer l, ChainGaps chain, NodeGap node) =>
        node.Reasons.Select(r => Render(l, r, chain)).ToList();

    /// <summary>A reason in the current culture: money as #,##0.## 万元, shares as percentages, nodes by name.</summary>
    public static string Render(IStringLocalizer l, GapReason reason, ChainGaps? chain = null) =>
        l[reason.Key, reason.Args.Select(a => Argument(l, a, chain)).ToArray()];

    private static object Argument(IStringLocalizer l, object argument, ChainGaps? chain) => argument switch
    {
        decimal money => Money(money),
        double share => share.ToString("P0", CultureInfo.CurrentCulture),
        int count => count.ToString("N0", CultureInfo.CurrentCulture),
        NodeRef node => NodeName(node, chain),
        QualificationRef q => l["Gaps.Qualification." + q.Code].Value,
        IEnumerable<object> list => string.Join(l["Gaps.ListSeparator"].Value, list.Select(item => Argument(l, item, chain))),
        _ => argument,
    };

    private static string NodeName(NodeRef node, ChainGaps? chain) =>
        chain?.Find(node.Code) is { } found ? Name(found) : node.Code;

    public static string Money(decimal amount) => amount.ToString("#,##0.##", CultureInfo.CurrentCulture);

    public static string Score(double score) => score.ToString("0.000", CultureInfo.CurrentCulture);

    public static string Percent(decimal share) => share.ToString("P0", CultureInfo.CurrentCulture);

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    /// <summary>
    /// The gap result JSON of docs/en/import-formats.md (CLI <c>gaps CODE --json</c> and <c>GET /api/chains/{code}/gaps</c>): the
    /// gaps by rank, then the other nodes in chain order; rank null for nodes that are not gaps; money to 0.01 万元,
    /// score to 4 decimals; names and reasons in the current culture.
    /// </summary>
    public static string Json(IStringLocalizer l, ChainGaps chain)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("chain", chain.Code);
            json.WriteStartArray("nodes");
            foreach (var node in InReportOrder(chain))
            {
                json.WriteStartObject();
                json.WriteString("code", node.Code);
                json.WriteString("name", Name(node));
                json.WriteString("status", node.Status);
                if (node.Rank is { } rank)
                {
                    json.WriteNumber("rank", rank);
                }
                else
                {
                    json.WriteNull("rank");
                }

                json.WriteNumber("score", Plain(Math.Round((decimal)node.Score, 4)));
                json.WriteNumber("localCount", node.LocalCount);
                json.WriteNumber("localOutputWan", Plain(Math.Round(node.LocalOutputWan, 2)));
                json.WriteNumber("demandWan", Plain(node.DemandWan));
                json.WriteNumber("supplyWan", Plain(node.SupplyWan));
                json.WriteNumber("pipelineCoverage", Plain(Math.Round(node.PipelineCoverage, 4)));
                json.WriteStartArray("reasons");
                foreach (var reason in Reasons(l, chain, node))
                {
                    json.WriteStringValue(reason);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // 61000.00m is written as 61000, as the reader would.
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>Gaps by rank, then every other node in the chain's order.</summary>
    public static IEnumerable<NodeGap> InReportOrder(ChainGaps chain) => chain.Ranked.Concat(chain.Nodes.Where(n => n.Rank is null));
}
