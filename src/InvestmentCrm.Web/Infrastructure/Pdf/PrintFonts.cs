using System.Security.Cryptography;
using System.Text;

namespace InvestmentCrm.Web.Infrastructure.Pdf;

/// <summary>
/// The fonts documents print with. Chromium's PDF backend (Skia) writes a font with CFF outlines, as Noto Sans CJK
/// has, as Type 3 glyph procedures — about 170 fonts, 0.4–0.5 MB and over a second of CPU for a two-page Chinese
/// brief — and embeds TrueType outlines as a CID subset; the print cost also grows with the size of the font files
/// a document uses. So documents name "Brief SC" first: a GB2312 subset of Noto Sans CJK SC Regular and Bold with
/// TrueType outlines (2 × 1.9 MB), built once per machine from Debian packages by scripts/brief-font.py. Noto Sans
/// CJK stays the fallback for characters outside GB2312 (rare name characters such as 堃): they still print, as
/// Type 3 glyphs, and such a document costs what every document cost before.
/// Chromium finds Brief SC through a private fontconfig file that adds its folder to the system configuration
/// (FONTCONFIG_FILE for the browser process only); nothing is installed system-wide.
/// </summary>
public static class PrintFonts
{
    /// <summary>The family documents print with unless <see cref="PdfOptions.FontFamily"/> names another.</summary>
    public const string Family = "Brief SC";

    /// <summary>The font stack of every document, its header and footer: <paramref name="family"/> (Brief SC unless
    /// Pdf:FontFamily says otherwise, as bench/pdf-fonts.sh does to compare fonts), then Noto Sans CJK SC for what it
    /// lacks. The family is validated by <see cref="PdfOptions.Problems"/>: letters, digits and spaces only.</summary>
    public static string Stack(string family) => $"'{family}', 'Noto Sans CJK SC', sans-serif";

    /// <summary>The faces scripts/brief-font.py writes; both must be there (bold is never synthesised: that is Type 3 too).</summary>
    public static readonly IReadOnlyList<string> Files = ["BriefSC-Regular.ttf", "BriefSC-Bold.ttf"];

    /// <summary>Where run.sh and test.sh build the font when <see cref="PdfOptions.FontDirectory"/> is empty:
    /// $XDG_CACHE_HOME/investmentcrm/fonts, else ~/.cache/investmentcrm/fonts (shared by every checkout of the user).</summary>
    public static string DefaultDirectory()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache))
        {
            cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(cache, "investmentcrm", "fonts");
    }

    /// <summary>The first face missing from <paramref name="directory"/>, or null when the font is complete.</summary>
    public static string? MissingFile(string directory) =>
        Files.Select(file => Path.Combine(directory, file)).FirstOrDefault(path => !File.Exists(path));

    /// <summary>
    /// A fontconfig file that reads the system configuration and adds <paramref name="directory"/>; written once
    /// under the temporary folder, named by its content, so processes and test hosts share it and never race.
    /// </summary>
    public static string FontConfigFile(string directory)
    {
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>
              <dir>{System.Security.SecurityElement.Escape(Path.GetFullPath(directory))}</dir>
              <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
            </fontconfig>

            """;
        var name = "investmentcrm-fonts-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)))[..16] + ".conf";
        var path = Path.Combine(Path.GetTempPath(), name);
        if (!File.Exists(path))
        {
            var partial = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(partial, xml);
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}
