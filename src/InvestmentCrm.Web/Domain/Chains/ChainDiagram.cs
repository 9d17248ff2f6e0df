using System.Globalization;
using System.Text;
using InvestmentCrm.Web.Domain.Gaps;

namespace InvestmentCrm.Web.Domain.Chains;

// This file is over 400 lines: it is one algorithm (columns, boxes, edge routes and legend of the chain diagram,
// then the SVG that draws them), whose steps share the layout's private records; split, each half would be unreadable.

/// <summary>What to draw: the chain's nodes with their local figures and gap status, its supply edges, and the
/// texts in the reader's language.</summary>
public sealed record ChainDiagramModel(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, DiagramLabels Labels);

/// <param name="Segment">One of <see cref="Segments.All"/>; anything else is drawn in the support column.</param>
/// <param name="Status">Null or one of <see cref="GapStatus"/>: missing, weak, extend, covered, none.</param>
/// <param name="Href">Where a click on the node goes (a path such as "/chains/SEW/gaps#HANG"); null for no link.</param>
/// <param name="Badge">A short mark drawn at the box's top right, e.g. a gap's rank "#1"; null draws none.</param>
/// <param name="Tooltip">Extra lines for the node's hover text, e.g. a gap's reasons; null adds none.</param>
public sealed record DiagramNode(
    string Code,
    string Name,
    string Segment,
    string? ParentCode,
    bool Key,
    int LocalCount,
    decimal LocalOutputWan,
    string? Status,
    string? Href,
    string? Badge = null,
    string? Tooltip = null);

/// <summary>"<paramref name="From"/> supplies <paramref name="To"/>"; the weight (0–1) sets the line's thickness.</summary>
public sealed record DiagramEdge(string From, string To, decimal? Weight);

/// <summary>The diagram's texts, already localized.</summary>
/// <param name="CountFormat">A composite format with {0} = local enterprise count and {1} = their output in 万元,
/// e.g. "{0} 家 · {1:N0} 万元" or "{0} firms · {1:N0} (10k CNY)"; formatted with the current culture.</param>
/// <param name="Missing">Legend label of the status missing (补链), and so on for the other statuses.</param>
/// <param name="KeyLink">Legend label of the thick border of key links (关键环节).</param>
/// <param name="Title">The accessible name of the picture, e.g. the chain's name.</param>
public sealed record DiagramLabels(
    string Upstream,
    string Midstream,
    string Downstream,
    string Support,
    string CountFormat,
    string Missing,
    string Weak,
    string Extend,
    string Covered,
    string None,
    string KeyLink,
    string? Title = null);

public readonly record struct DiagramPoint(double X, double Y);

public readonly record struct DiagramRect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double CenterY => Y + Height / 2;

    public bool Overlaps(DiagramRect other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(DiagramRect other) =>
        other.X >= X && other.Right <= Right && other.Y >= Y && other.Bottom <= Bottom;
}

/// <summary>A segment's column: its background band, title and where its boxes go.</summary>
public sealed record DiagramColumn(string Segment, string Title, DiagramRect Band);

/// <summary>Where a node is drawn: its column, its depth in the parent tree (children are indented) and its box.</summary>
public sealed record DiagramNodeBox(DiagramNode Node, int Column, int Depth, DiagramRect Box);

/// <summary>
/// The line of a supply edge, from the right side of the source box to the left side of the target box. Two
/// points: an S-curve to the next column. More: a route through the gaps between columns and the free band above
/// or below them, with rounded corners, for edges that skip a column, stay in one or go backwards.
/// </summary>
public sealed record DiagramEdgeRoute(DiagramEdge Edge, IReadOnlyList<DiagramPoint> Points);

/// <param name="Status">A <see cref="GapStatus"/> value, or "key" for the key-link sample.</param>
public sealed record DiagramLegendItem(string Status, string Label, DiagramRect Swatch);

public sealed record DiagramLayout(
    double Width,
    double Height,
    IReadOnlyList<DiagramColumn> Columns,
    IReadOnlyList<DiagramNodeBox> Boxes,
    IReadOnlyList<DiagramEdgeRoute> Edges,
    IReadOnlyList<DiagramLegendItem> Legend);

/// <summary>
/// Draws a chain as a standalone SVG for pages and PDF reports: upstream, midstream and downstream as columns
/// left to right in the direction goods flow, support services as a fourth column at the right; within a column
/// the parent tree top to bottom with children indented; gap status as colour, key links with a thick border.
/// One row per box and dedicated lanes for routed edges keep 60 nodes readable.
/// </summary>
public static class ChainDiagram
{
    public const string FontFamily = "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Microsoft YaHei\", sans-serif";

    private const double Margin = 16;
    private const double OuterGutter = 56;
    private const double ColumnWidth = 210;
    private const double Gutter = 100;
    private const double BandPadding = 8;
    private const double HeaderHeight = 34;
    private const double BoxHeight = 46;
    private const double BoxGap = 10;
    private const double Indent = 16;
    private const int MaxIndentDepth = 4;
    private const double TextPadding = 9;
    private const double NameFontSize = 13;
    private const double CountFontSize = 11;
    private const double LaneStart = 16;
    private const double LaneStep = 5;
    private const int GutterLanes = 7;
    private const double ChannelPadding = 10;
    private const double CornerRadius = 8;
    private const double ArrowGap = 6;
    private const double LegendSwatch = 14;
    private const double LegendFontSize = 12;

    private static readonly IReadOnlyDictionary<string, (string Fill, string Stroke)> StatusColors =
        new Dictionary<string, (string, string)>
        {
            [GapStatus.Missing] = ("#f8d7da", "#dc3545"),
            [GapStatus.Weak] = ("#fff3cd", "#fd7e14"),
            [GapStatus.Extend] = ("#cfe2ff", "#0d6efd"),
            [GapStatus.Covered] = ("#d1e7dd", "#198754"),
            [GapStatus.None] = ("#e9ecef", "#adb5bd"),
        };

    /// <summary>Places every column, box, edge route and legend entry; <see cref="Render"/> only draws them.</summary>
    /// <remarks>An algorithm over 80 lines: the placement steps run in order over shared local state (columns, rows,
    /// lanes), and each is commented where it starts.</remarks>
    public static DiagramLayout Layout(ChainDiagramModel model)
    {
        // The first node wins when a code repeats; edges name nodes by code.
        var nodes = model.Nodes.DistinctBy(n => n.Code).ToList();
        var columnOf = nodes.ToDictionary(n => n.Code, n => ColumnIndex(n.Segment));

        var rows = new List<(DiagramNode Node, int Column, int Depth, int Row)>();
        var rowCounts = new int[Segments.All.Count];
        for (var column = 0; column < Segments.All.Count; column++)
        {
            var ordered = TreeOrder(nodes.Where(n => columnOf[n.Code] == column).ToList());
            foreach (var (node, depth) in ordered) rows.Add((node, column, depth, rowCounts[column]++));
        }
        var contentHeight = Math.Max(1, rowCounts.Max()) * (BoxHeight + BoxGap) - BoxGap;

        // Routed edges need lanes in the channel above or below the columns, so the channels' heights are known
        // only after choosing one per edge, by which side is nearer to the edge's ends.
        var rowOf = rows.ToDictionary(r => r.Node.Code, r => r.Row);
        var plans = new List<(DiagramEdge Edge, int From, int To, bool Routed, bool Above, int ChannelLane, int GutterLane)>();
        int above = 0, below = 0, routed = 0;
        foreach (var edge in model.Edges)
        {
            if (edge.From == edge.To || !columnOf.TryGetValue(edge.From, out var from) || !columnOf.TryGetValue(edge.To, out var to))
                continue;
            if (to == from + 1)
            {
                plans.Add((edge, from, to, false, false, 0, 0));
                continue;
            }
            var middle = (rowOf[edge.From] + rowOf[edge.To] + 1) * (BoxHeight + BoxGap) / 2;
            var isAbove = middle <= contentHeight / 2;
            plans.Add((edge, from, to, true, isAbove, isAbove ? above++ : below++, routed++ % GutterLanes));
        }

        var topChannel = ChannelHeight(above);
        var bandTop = Margin + topChannel;
        var boxesTop = bandTop + HeaderHeight;
        var bandBottom = boxesTop + contentHeight + BandPadding;
        var bottomChannelTop = bandBottom;
        var legendTop = bottomChannelTop + Math.Max(ChannelHeight(below), Margin);
        var width = 2 * OuterGutter + Segments.All.Count * ColumnWidth + (Segments.All.Count - 1) * Gutter;

        double ColumnX(int column) => OuterGutter + column * (ColumnWidth + Gutter);

        var columns = Segments.All.Select((segment, i) => new DiagramColumn(
            segment,
            SegmentTitle(model.Labels, segment),
            new DiagramRect(ColumnX(i) - BandPadding, bandTop, ColumnWidth + 2 * BandPadding, bandBottom - bandTop))).ToList();

        var boxes = rows.Select(r =>
        {
            var indent = Math.Min(r.Depth, MaxIndentDepth) * Indent;
            var box = new DiagramRect(ColumnX(r.Column) + indent, boxesTop + r.Row * (BoxHeight + BoxGap), ColumnWidth - indent, BoxHeight);
            return new DiagramNodeBox(r.Node, r.Column, r.Depth, box);
        }).ToList();
        var boxOf = boxes.ToDictionary(b => b.Node.Code, b => b.Box);

        var routes = plans.Select(p =>
        {
            var source = boxOf[p.Edge.From];
            var target = boxOf[p.Edge.To];
            var start = new DiagramPoint(source.Right, source.CenterY);
            var end = new DiagramPoint(target.X, target.CenterY);
            if (!p.Routed) return new DiagramEdgeRoute(p.Edge, [start, end]);

            var outX = ColumnX(p.From) + ColumnWidth + LaneStart + p.GutterLane * LaneStep;
            var inX = ColumnX(p.To) - LaneStart - p.GutterLane * LaneStep;
            var channelY = p.Above
                ? bandTop - ChannelPadding - p.ChannelLane * LaneStep
                : bottomChannelTop + ChannelPadding + p.ChannelLane * LaneStep;
            return new DiagramEdgeRoute(p.Edge,
            [
                start,
                new DiagramPoint(outX, start.Y),
                new DiagramPoint(outX, channelY),
                new DiagramPoint(inX, channelY),
                new DiagramPoint(inX, end.Y),
                end,
            ]);
        }).ToList();

        var (legend, legendBottom) = LayoutLegend(model.Labels, legendTop, width);
        return new DiagramLayout(width, legendBottom + Margin, columns, boxes, routes, legend);
    }

    /// <summary>The diagram as a standalone SVG document (no external references), every text escaped.</summary>
    public static string Render(ChainDiagramModel model)
    {
        var layout = Layout(model);
        var labels = model.Labels;
        var id = IdPrefix(model);
        var svg = new StringBuilder(4096 + model.Nodes.Count * 700);

        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chain-diagram\" viewBox=\"0 0 {F(layout.Width)} {F(layout.Height)}\"");
        svg.Append($" width=\"{F(layout.Width)}\" height=\"{F(layout.Height)}\" role=\"img\"");
        if (!string.IsNullOrWhiteSpace(labels.Title)) svg.Append($" aria-label=\"{Escape(labels.Title)}\"");
        svg.Append($" font-family='{Escape(FontFamily)}'>\n");
        if (!string.IsNullOrWhiteSpace(labels.Title)) svg.Append($"<title>{Escape(labels.Title)}</title>\n");

        // The marker id is derived from the content, so several diagrams on one page do not borrow each other's.
        svg.Append("<defs>")
            .Append($"<marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"1.5\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">")
            .Append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#6c757d\"/></marker></defs>\n");

        foreach (var column in layout.Columns)
        {
            var band = column.Band;
            var dashed = column.Segment == Segments.Support ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append($"<g class=\"chain-column\" data-segment=\"{column.Segment}\">");
            svg.Append($"<rect x=\"{F(band.X)}\" y=\"{F(band.Y)}\" width=\"{F(band.Width)}\" height=\"{F(band.Height)}\" rx=\"10\" fill=\"#f8f9fa\" stroke=\"#dee2e6\"{dashed}/>");
            svg.Append($"<text x=\"{F(band.X + band.Width / 2)}\" y=\"{F(band.Y + 22)}\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"700\" fill=\"#343a40\">");
            svg.Append(Escape(Fit(column.Title, band.Width - 2 * TextPadding, 14))).Append("</text></g>\n");
        }

        var nameOf = layout.Boxes.ToDictionary(b => b.Node.Code, b => b.Node.Name);
        svg.Append("<g class=\"chain-edges\" fill=\"none\" stroke=\"#6c757d\" stroke-opacity=\"0.75\">\n");
        foreach (var route in layout.Edges)
        {
            var edge = route.Edge;
            var strokeWidth = 1.25 + 2.5 * (double)Math.Clamp(edge.Weight ?? 0, 0, 1);
            var weight = edge.Weight is { } w ? $" ({w.ToString("0.##", CultureInfo.InvariantCulture)})" : "";
            svg.Append($"<path data-from=\"{Escape(edge.From)}\" data-to=\"{Escape(edge.To)}\" d=\"{PathData(route.Points)}\"");
            svg.Append($" stroke-width=\"{F(strokeWidth)}\" marker-end=\"url(#{id}-arrow)\">");
            svg.Append($"<title>{Escape($"{nameOf[edge.From]} → {nameOf[edge.To]}{weight}")}</title></path>\n");
        }
        svg.Append("</g>\n");

        foreach (var item in layout.Boxes) AppendNode(svg, item, labels);

        svg.Append("<g class=\"chain-legend\">");
        foreach (var item in layout.Legend)
        {
            var s = item.Swatch;
            var (fill, stroke) = item.Status == "key" ? ("#ffffff", "#495057") : StatusColors[item.Status];
            var strokeWidth = item.Status == "key" ? 3 : 1.25;
            svg.Append($"<rect x=\"{F(s.X)}\" y=\"{F(s.Y)}\" width=\"{F(s.Width)}\" height=\"{F(s.Height)}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{F(strokeWidth)}\"/>");
            svg.Append($"<text x=\"{F(s.Right + 6)}\" y=\"{F(s.Y + 11.5)}\" font-size=\"{F(LegendFontSize)}\" fill=\"#495057\">{Escape(item.Label)}</text>");
        }
        svg.Append("</g>\n</svg>\n");
        return svg.ToString();
    }

    private static void AppendNode(StringBuilder svg, DiagramNodeBox item, DiagramLabels labels)
    {
        var node = item.Node;
        var box = item.Box;
        var status = node.Status is not null && StatusColors.ContainsKey(node.Status) ? node.Status : GapStatus.None;
        var (fill, stroke) = StatusColors[status];
        var countLine = string.Format(CultureInfo.CurrentCulture, labels.CountFormat, node.LocalCount, node.LocalOutputWan);
        var href = SafeHref(node.Href);
        var textWidth = box.Width - 2 * TextPadding;

        svg.Append($"<g class=\"chain-node\" data-node=\"{Escape(node.Code)}\" data-status=\"{status}\"{(node.Key ? " data-key=\"true\"" : "")}>");
        var tooltip = string.IsNullOrWhiteSpace(node.Tooltip) ? "" : "\n" + node.Tooltip;
        svg.Append($"<title>{Escape($"{node.Name} ({node.Code})\n{countLine}{tooltip}")}</title>");
        if (href is not null) svg.Append($"<a href=\"{Escape(href)}\">");
        svg.Append($"<rect x=\"{F(box.X)}\" y=\"{F(box.Y)}\" width=\"{F(box.Width)}\" height=\"{F(box.Height)}\" rx=\"6\"");
        svg.Append($" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(node.Key ? "3" : "1.25")}\"/>");
        var nameWidth = textWidth;
        if (!string.IsNullOrWhiteSpace(node.Badge))
        {
            var badge = Fit(node.Badge, textWidth / 3, CountFontSize);
            nameWidth -= TextWidth(badge, CountFontSize) + 4;
            svg.Append($"<text class=\"chain-node-badge\" x=\"{F(box.Right - TextPadding)}\" y=\"{F(box.Y + 18)}\" text-anchor=\"end\" font-size=\"{F(CountFontSize)}\" font-weight=\"700\" fill=\"{stroke}\">");
            svg.Append(Escape(badge)).Append("</text>");
        }

        svg.Append($"<text x=\"{F(box.X + TextPadding)}\" y=\"{F(box.Y + 19)}\" font-size=\"{F(NameFontSize)}\" font-weight=\"600\" fill=\"#212529\">");
        svg.Append(Escape(Fit(node.Name, nameWidth, NameFontSize))).Append("</text>");
        svg.Append($"<text x=\"{F(box.X + TextPadding)}\" y=\"{F(box.Y + 36)}\" font-size=\"{F(CountFontSize)}\" fill=\"#495057\">");
        svg.Append(Escape(Fit(countLine, textWidth, CountFontSize))).Append("</text>");
        if (href is not null) svg.Append("</a>");
        svg.Append("</g>\n");
    }

    /// <summary>Parents before children, siblings in input order; a node whose parent is in another column starts
    /// a tree of its own, and nodes caught in a parent loop (an invalid map) come last, so every node is drawn once.</summary>
    private static List<(DiagramNode Node, int Depth)> TreeOrder(List<DiagramNode> column)
    {
        var codes = column.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        bool HasParentHere(DiagramNode n) => n.ParentCode is { } p && p != n.Code && codes.Contains(p);
        var children = column.Where(HasParentHere).ToLookup(n => n.ParentCode!, StringComparer.Ordinal);

        var ordered = new List<(DiagramNode, int)>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(DiagramNode node, int depth)
        {
            if (!placed.Add(node.Code)) return;
            ordered.Add((node, depth));
            foreach (var child in children[node.Code]) Place(child, depth + 1);
        }
        foreach (var root in column.Where(n => !HasParentHere(n))) Place(root, 0);
        foreach (var rest in column) Place(rest, 0);
        return ordered;
    }

    private static int ColumnIndex(string segment)
    {
        for (var i = 0; i < Segments.All.Count; i++)
            if (Segments.All[i] == segment) return i;
        return Segments.All.Count - 1;
    }

    private static double ChannelHeight(int lanes) => lanes == 0 ? 0 : 2 * ChannelPadding + (lanes - 1) * LaneStep;

    private static string SegmentTitle(DiagramLabels labels, string segment) => segment switch
    {
        Segments.Upstream => labels.Upstream,
        Segments.Midstream => labels.Midstream,
        Segments.Downstream => labels.Downstream,
        _ => labels.Support,
    };

    private static (List<DiagramLegendItem> Items, double Bottom) LayoutLegend(DiagramLabels labels, double top, double width)
    {
        var entries = new (string Status, string Label)[]
        {
            (GapStatus.Missing, labels.Missing),
            (GapStatus.Weak, labels.Weak),
            (GapStatus.Extend, labels.Extend),
            (GapStatus.Covered, labels.Covered),
            (GapStatus.None, labels.None),
            ("key", labels.KeyLink),
        };
        var items = new List<DiagramLegendItem>();
        var x = OuterGutter;
        var y = top;
        foreach (var (status, label) in entries)
        {
            var itemWidth = LegendSwatch + 6 + TextWidth(label, LegendFontSize) + 22;
            if (x > OuterGutter && x + itemWidth > width - OuterGutter)
            {
                x = OuterGutter;
                y += LegendSwatch + 10;
            }
            items.Add(new DiagramLegendItem(status, label, new DiagramRect(x, y, LegendSwatch, LegendSwatch)));
            x += itemWidth;
        }
        return (items, y + LegendSwatch);
    }

    /// <summary>An S-curve for two points; otherwise straight runs joined by rounded (cubic) corners.</summary>
    private static string PathData(IReadOnlyList<DiagramPoint> points)
    {
        var start = points[0];
        var end = points[^1];
        var arrowEnd = new DiagramPoint(end.X - ArrowGap, end.Y);
        if (points.Count == 2)
        {
            var dx = (arrowEnd.X - start.X) / 2;
            return $"M{P(start)} C{P(new(start.X + dx, start.Y))} {P(new(arrowEnd.X - dx, arrowEnd.Y))} {P(arrowEnd)}";
        }

        var d = new StringBuilder($"M{P(start)}");
        for (var i = 1; i < points.Count - 1; i++)
        {
            var (before, corner, after) = (points[i - 1], points[i], i + 1 == points.Count - 1 ? arrowEnd : points[i + 1]);
            var r = Math.Min(CornerRadius, Math.Min(Distance(before, corner), Distance(corner, after)) / 2);
            var enter = Toward(corner, before, r);
            var leave = Toward(corner, after, r);
            d.Append($" L{P(enter)} C{P(corner)} {P(corner)} {P(leave)}");
        }
        return d.Append($" L{P(arrowEnd)}").ToString();
    }

    private static double Distance(DiagramPoint a, DiagramPoint b) => Math.Abs(a.X - b.X) + Math.Abs(a.Y - b.Y);

    private static DiagramPoint Toward(DiagramPoint from, DiagramPoint to, double length)
    {
        var distance = Distance(from, to);
        return distance == 0 ? from : new(from.X + (to.X - from.X) * length / distance, from.Y + (to.Y - from.Y) * length / distance);
    }

    /// <summary>The text, cut with … when it would not fit <paramref name="maxWidth"/> at this font size.</summary>
    public static string Fit(string text, double maxWidth, double fontSize)
    {
        if (TextWidth(text, fontSize) <= maxWidth) return text;
        var ellipsis = TextWidth("…", fontSize);
        var cut = new StringBuilder();
        var width = 0d;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var w = TextWidth(element, fontSize);
            if (width + w + ellipsis > maxWidth) break;
            cut.Append(element);
            width += w;
        }
        return cut.ToString().TrimEnd() + "…";
    }

    /// <summary>An estimate without font metrics: CJK and full-width characters are one em, others about 0.6 em.</summary>
    public static double TextWidth(string text, double fontSize)
    {
        var width = 0d;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c)) continue;
            width += IsWide(c) ? fontSize : fontSize * 0.6;
        }
        return width;
    }

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60')
            or (>= '\uFFE0' and <= '\uFFE6') || char.IsHighSurrogate(c);

    // Only links within the application or to the web; a javascript: or data: link is dropped, not escaped.
    private static string? SafeHref(string? href)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        var h = href.Trim();
        // "//host/…" is another site (protocol-relative), not a path of this one.
        if (h.StartsWith("//", StringComparison.Ordinal) || h.StartsWith("/\\", StringComparison.Ordinal)) return null;
        return h.StartsWith('/') || h.StartsWith('#') || h.StartsWith('?')
            || h.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || h.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? h
            : null;
    }

    private static string IdPrefix(ChainDiagramModel model)
    {
        // FNV-1a: stable across processes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in string.Join("|", model.Nodes.Select(n => n.Code)) + "#" + string.Join("|", model.Edges.Select(e => e.From + ">" + e.To)))
            hash = (hash ^ c) * 16777619u;
        return "chain" + hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes for XML text and attributes alike, and drops characters XML cannot hold at all.</summary>
    public static string Escape(string text)
    {
        var s = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': s.Append("&amp;"); break;
                case '<': s.Append("&lt;"); break;
                case '>': s.Append("&gt;"); break;
                case '"': s.Append("&quot;"); break;
                case '\'': s.Append("&#39;"); break;
                case '\n': s.Append("&#10;"); break;
                case '\t' or '\r': s.Append(' '); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                case var _ when char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]):
                    s.Append(c).Append(text[++i]);
                    break;
                case var _ when char.IsSurrogate(c): break;
                default: s.Append(c); break;
            }
        }
        return s.ToString();
    }

    private static string P(DiagramPoint p) => $"{F(p.X)},{F(p.Y)}";

    private static string F(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
