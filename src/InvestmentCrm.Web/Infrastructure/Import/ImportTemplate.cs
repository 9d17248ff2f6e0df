using Microsoft.AspNetCore.Mvc;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>The "download template" file of an import page: the importer's own header and its example rows (which the
/// importer refuses, see <see cref="TemplateExamples"/>), as CSV
/// (UTF-8 with BOM, like the exports) or XLSX. Examples name their columns, so the column list and its order come
/// only from the header the importer checks.</summary>
public static class ImportTemplate
{
    public const string CsvContentType = "text/csv; charset=utf-8";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file <c>{name}-template.csv|xlsx</c>, or null when <paramref name="format"/> is neither csv nor xlsx
    /// (the page answers 400). A column missing from an example is left empty.</summary>
    /// <exception cref="ArgumentException">An example names a column the header does not have.</exception>
    public static FileContentResult? File(
        string name,
        string? format,
        IReadOnlyList<string> header,
        IReadOnlySet<string> numericColumns,
        TemplateExamples examples)
    {
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        if (!xlsx && format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rows = examples.Rows.Select(example => Row(header, example)).ToList();
        using var buffer = new MemoryStream();
        if (xlsx)
        {
            TabularFile.WriteXlsx(buffer, header, rows, numericColumns, name);
        }
        else
        {
            TabularFile.WriteCsv(buffer, header, rows);
        }

        return new FileContentResult(buffer.ToArray(), xlsx ? XlsxContentType : CsvContentType)
        {
            FileDownloadName = $"{name}-template.{(xlsx ? "xlsx" : "csv")}",
        };
    }

    private static IReadOnlyList<string?> Row(IReadOnlyList<string> header, IReadOnlyDictionary<string, string> example)
    {
        var unknown = example.Keys.Where(column => !header.Contains(column)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException("Example columns not in the header: " + string.Join(",", unknown), nameof(example));
        }

        return header.Select(column => example.GetValueOrDefault(column)).ToList();
    }
}
