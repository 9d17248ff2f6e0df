using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// The <c>Import</c> section: the limits of every import, on the upload pages (chain maps, enterprises, projects, land
/// records) and on the command line alike. A file over any of them is refused with a message that names the limit,
/// while it is being read, before it is held in memory; a hostile file (a zip bomb, a million bad rows) so costs the
/// server little. Documented in appsettings.example.json and the README.
/// </summary>
public sealed class ImportLimits : IUploadLimits
{
    public const string Section = "Import";

    /// <summary>Room for the multipart framing, the antiforgery token and the file name around the file itself.</summary>
    public const long RequestOverheadBytes = 64 * 1024;

    /// <summary>The largest file, in MB (2^20 bytes), an upload page or <c>import</c> accepts.</summary>
    public int MaxFileMegabytes { get; set; } = 20;

    /// <summary>Data rows of a CSV or XLSX file (blank lines not counted).</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>The last column that may hold a value; the widest format has 18.</summary>
    public int MaxColumns { get; set; } = 100;

    /// <summary>Characters of one CSV line.</summary>
    public int MaxLineCharacters { get; set; } = 100_000;

    /// <summary>Characters of one cell (Excel's own limit is 32,767).</summary>
    public int MaxCellCharacters { get; set; } = 32_767;

    /// <summary>What the parts of an XLSX workbook that are read (sheet, shared strings, styles, workbook) may expand
    /// to, in MB: a workbook is a zip file, and a small one can hold gigabytes.</summary>
    public int MaxExpandedMegabytes { get; set; } = 200;

    /// <summary>The text of a file's cells (and of a workbook's shared strings) kept in memory while it is checked, in
    /// MB at two bytes a character: what bounds the memory of a file that stays within the other limits.</summary>
    public int MaxTextMegabytes { get; set; } = 64;

    /// <summary>Problems listed for one file; past this they are only counted ("and 700,000 more lines have problems").</summary>
    public int MaxProblems { get; set; } = 200;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public long MaxExpandedBytes => MaxExpandedMegabytes * 1024L * 1024L;

    public long MaxTextCharacters => MaxTextMegabytes * 1024L * 1024L / sizeof(char);

    /// <summary>The request body an upload page reads: the file plus <see cref="RequestOverheadBytes"/>.</summary>
    public long MaxRequestBytes => MaxFileBytes + RequestOverheadBytes;

    public string LimitSetting => Section + ":" + nameof(MaxFileMegabytes);

    public string RequestTooBigKey => "Upload.RequestTooBig";

    /// <summary>Start-up stops with the keys of the bad values. The upper bounds keep character positions within an int
    /// (1 GB of text) and a request within what Kestrel and the form reader take.</summary>
    public sealed class Validation : IValidateOptions<ImportLimits>
    {
        public ValidateOptionsResult Validate(string? name, ImportLimits options)
        {
            var failures = new List<string>();
            Check(options.MaxFileMegabytes, 1, 1024, nameof(MaxFileMegabytes));
            Check(options.MaxRows, 1, 10_000_000, nameof(MaxRows));
            Check(options.MaxColumns, 18, 16_384, nameof(MaxColumns));
            Check(options.MaxLineCharacters, 1_000, 100_000_000, nameof(MaxLineCharacters));
            Check(options.MaxCellCharacters, 1_000, 10_000_000, nameof(MaxCellCharacters));
            Check(options.MaxExpandedMegabytes, 1, 1024, nameof(MaxExpandedMegabytes));
            Check(options.MaxTextMegabytes, 1, 1024, nameof(MaxTextMegabytes));
            Check(options.MaxProblems, 1, 100_000, nameof(MaxProblems));
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

            void Check(int value, int min, int max, string key)
            {
                if (value < min || value > max)
                {
                    failures.Add($"{Section}:{key} is {value}; it must be between {min} and {max}.");
                }
            }
        }
    }
}
