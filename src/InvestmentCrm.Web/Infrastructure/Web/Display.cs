using System.Globalization;
using Microsoft.Extensions.Options;

namespace InvestmentCrm.Web.Infrastructure.Web;

/// <summary>Formats stored UTC times, file sizes and 万元 amounts for the current user's culture and time zone; a value
/// that is not there is <see cref="Empty"/>, everywhere.</summary>
public sealed class Display(IOptions<AppOptions> options)
{
    /// <summary>What a page shows for a value that is not there, so an empty field keeps its row.</summary>
    public const string Empty = "—";

    private readonly TimeZoneInfo zone = options.Value.FindTimeZone();

    public System.DateTime Local(System.DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    public string DateTime(System.DateTime? utc) =>
        utc is { } value ? Local(value).ToString("g", CultureInfo.CurrentCulture) : Empty;

    public string Date(DateOnly? date) =>
        date is { } value ? value.ToString("d", CultureInfo.CurrentCulture) : Empty;

    public string Wan(decimal? amount) =>
        amount is { } value ? value.ToString("#,##0.##", CultureInfo.CurrentCulture) : Empty;

    public string Count(int? count) =>
        count is { } value ? value.ToString("N0", CultureInfo.CurrentCulture) : Empty;

    /// <summary>Text as it is, or <see cref="Empty"/> when there is none.</summary>
    public string Text(string? text) => string.IsNullOrWhiteSpace(text) ? Empty : text;

    /// <summary>A file size as people read it: 512 B, 3.4 KB, 12.5 MB (units of 1024).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? bytes.ToString("#,##0", CultureInfo.CurrentCulture) + " B"
            : value.ToString(value < 10 ? "0.#" : "#,##0", CultureInfo.CurrentCulture) + " " + units[unit];
    }
}
