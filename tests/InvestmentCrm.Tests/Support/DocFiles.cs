using System.Text;
using InvestmentCrm.Web.Features.Help;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace InvestmentCrm.Tests.Support;

/// <summary>The user documentation under docs/ as the tests read it: parsed with the help's own Markdown pipeline, so
/// code blocks and tables are found exactly as the help renders them.</summary>
public static class DocFiles
{
    public static readonly IReadOnlyList<string> Cultures = ["zh-CN", "en"];

    public static string Folder(string culture) => Path.Combine(RepoPaths.Root, "docs", culture);

    public static string FilePath(string culture, string topic) => Path.Combine(Folder(culture), topic + ".md");

    public static string Text(string culture, string topic) => File.ReadAllText(FilePath(culture, topic), Encoding.UTF8);

    public static MarkdownDocument Parse(string culture, string topic) => Markdig.Markdown.Parse(Text(culture, topic), HelpDocs.Pipeline);

    /// <summary>The fenced code blocks whose info string is <paramref name="language"/> (csv, json), in document order.</summary>
    public static IReadOnlyList<string> CodeBlocks(MarkdownDocument document, string language) =>
        document.Descendants<FencedCodeBlock>()
            .Where(block => block.Info == language)
            .Select(block => block.Lines.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n")
            .ToList();

    /// <summary>Every table's body rows as cell texts; a code span keeps its backticks (`lead`) so a test can find keys.</summary>
    public static IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Tables(MarkdownDocument document) =>
        document.Descendants<Table>()
            .Select(table => (IReadOnlyList<IReadOnlyList<string>>)table.OfType<TableRow>()
                .Where(row => !row.IsHeader)
                .Select(row => (IReadOnlyList<string>)row.OfType<TableCell>().Select(CellText).ToList())
                .ToList())
            .ToList();

    /// <summary>The headings as (level, text).</summary>
    public static IReadOnlyList<(int Level, string Text)> Headings(MarkdownDocument document) =>
        document.Descendants<HeadingBlock>().Select(h => (h.Level, h.Inline is null ? "" : InlineText(h.Inline))).ToList();

    /// <summary>The code span of a cell or heading ("`lead` 线索" → "lead"), or null.</summary>
    public static string? Code(string text)
    {
        var start = text.IndexOf('`', StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('`', start + 1);
        return end < 0 ? null : text[(start + 1)..end];
    }

    private static string CellText(TableCell cell) =>
        string.Concat(cell.Descendants<ParagraphBlock>().Select(p => p.Inline is null ? "" : InlineText(p.Inline))).Trim();

    private static string InlineText(ContainerInline inline)
    {
        var text = new StringBuilder();
        foreach (var item in inline)
        {
            switch (item)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append('`').Append(code.Content).Append('`');
                    break;
                case ContainerInline container:
                    text.Append(InlineText(container));
                    break;
            }
        }

        return text.ToString();
    }
}
