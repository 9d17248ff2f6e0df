namespace InvestmentCrm.Web.Infrastructure.Pdf;

/// <summary>
/// The stylesheet every document carries inline (nothing is fetched while printing). The fonts are named
/// explicitly (<see cref="PrintFonts.Stack"/>): Brief SC (or Pdf:FontFamily), then Noto Sans CJK for what Brief SC lacks. Diagrams
/// (SVG) name their own fonts for the web page; here the stylesheet overrides them, or their labels would print
/// with Noto again.
/// <para>Documents use two faces only, the print font's regular (400) and bold (700), and no italic: Chromium embeds
/// the font file once more for any other weight (600 maps to the bold file, but as a face of its own) and for a
/// synthesized italic, and each copy of Brief SC's 1.9 MB costs the print 40–60 ms of CPU. The chain-gap report
/// printed four copies (the diagram's semibold labels, the italic "empty" notes); with two it takes a quarter less.
/// Chinese has no italic either: an empty state is told by its grey.</para>
/// </summary>
public static class PrintStyles
{
    /// <summary>The stylesheet with <paramref name="family"/> first in the font stack (<see cref="PdfOptions.FontFamily"/>).</summary>
    public static string Css(string family) => "body, svg, svg text { font-family: " + PrintFonts.Stack(family) + "; }\n" + Rules;

    private const string Rules = """
        @page { size: A4; }
        * { box-sizing: border-box; }
        html, body { margin: 0; padding: 0; }
        body { font-size: 10pt; line-height: 1.55; color: #1d2329; }
        h1 { font-size: 18pt; margin: 0 0 2mm; color: #0b3d6e; }
        h2 { font-size: 12pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #0b3d6e; color: #0b3d6e; break-after: avoid; }
        .subtitle { color: #555; margin-bottom: 4mm; }
        .tags span { display: inline-block; border: 0.75pt solid #0b3d6e; color: #0b3d6e; border-radius: 2mm; padding: 0 2mm; margin: 0 1.5mm 1mm 0; font-size: 8.5pt; }
        .tags span.key { border-color: #b00; color: #b00; }
        table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; break-inside: auto; }
        tr { break-inside: avoid; }
        th, td { border: 0.5pt solid #c8ced6; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
        th { background: #eef3f8; font-weight: bold; white-space: nowrap; }
        table.facts th { width: 28%; }
        td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        .muted { color: #6c757d; }
        .empty { color: #6c757d; }
        svg [font-weight="600"] { font-weight: 700; }
        .gap { border-left: 2.5pt solid #b00; padding: 1mm 3mm; margin: 1.5mm 0; background: #fdf4f4; break-inside: avoid; }
        .gap.covered { border-left-color: #2e7d32; background: #f3f9f3; }
        .gap .why { margin-top: 0.5mm; }
        .cols { display: flex; gap: 5mm; }
        .cols > div { flex: 1; }
        .pre { white-space: pre-wrap; }
        """;
}
