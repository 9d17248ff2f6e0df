using InvestmentCrm.Web.Infrastructure.Import;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>
/// The <c>Attachments</c> section: which kinds of file may be kept with a project or an enterprise, and how large one
/// may be. Checked at start-up (an unknown type or a limit out of range stops it); documented in
/// appsettings.example.json and the README.
/// </summary>
public sealed class AttachmentOptions : IUploadLimits
{
    public const string Section = "Attachments";

    /// <summary>The file name extensions accepted, comma-separated, each one <see cref="FileTypes"/> can recognise by its
    /// content. A comma-separated string rather than a list: a bound list would add to the default instead of replacing it.</summary>
    public string AllowedTypes { get; set; } = ".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.txt";

    /// <summary>The largest file, in MB (2^20 bytes).</summary>
    public int MaxFileMegabytes { get; set; } = 20;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public long MaxRequestBytes => MaxFileBytes + ImportLimits.RequestOverheadBytes;

    public string LimitSetting => Section + ":" + nameof(MaxFileMegabytes);

    public string RequestTooBigKey => "Attachments.RequestTooBig";

    /// <summary>The allowed extensions, lower case with their dot, in the order configured.</summary>
    public IReadOnlyList<string> Extensions =>
        [.. AllowedTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => (e.StartsWith('.') ? e : "." + e).ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    public IEnumerable<string> Problems()
    {
        if (MaxFileMegabytes is < 1 or > 1024)
        {
            yield return $"{Section}:{nameof(MaxFileMegabytes)} is {MaxFileMegabytes}; it must be between 1 and 1024.";
        }

        if (Extensions.Count == 0)
        {
            yield return $"{Section}:{nameof(AllowedTypes)} is empty; list at least one of {string.Join(",", FileTypes.Known)}.";
        }

        foreach (var unknown in Extensions.Where(e => !FileTypes.IsKnown(e)))
        {
            yield return $"{Section}:{nameof(AllowedTypes)} holds \"{unknown}\", whose content cannot be checked; the known types are {string.Join(",", FileTypes.Known)}.";
        }
    }
}
