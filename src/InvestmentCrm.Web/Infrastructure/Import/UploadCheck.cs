using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// The checks every upload page makes before reading a file: one was chosen, its type is one the page reads, it is
/// not empty and not over the page's limit. Returns the localized reason, or null when the file may be read.
/// </summary>
public static class UploadCheck
{
    public static string? Problem(IFormFile? file, IReadOnlyCollection<string> extensions, long maxBytes, IStringLocalizer l)
    {
        if (file is null)
        {
            return l["Upload.NoFile"].Value;
        }

        if (!extensions.Contains(Path.GetExtension(file.FileName), StringComparer.OrdinalIgnoreCase))
        {
            return l["Upload.WrongType", file.FileName, string.Join(" / ", extensions)].Value;
        }

        if (file.Length == 0)
        {
            return l["Upload.Empty", file.FileName].Value;
        }

        return file.Length > maxBytes ? l["Upload.TooBig", file.FileName, maxBytes / 1024 / 1024].Value : null;
    }
}
