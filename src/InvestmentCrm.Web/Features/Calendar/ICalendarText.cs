using System.Globalization;
using System.Text;

namespace InvestmentCrm.Web.Features.Calendar;

/// <summary>One all-day event of a feed.</summary>
public sealed record ICalendarEvent(string Uid, DateOnly Day, string Summary, string? Description, string? Url);

/// <summary>
/// An iCalendar object (RFC 5545) of all-day events, as calendar programs subscribe to it: CRLF line ends, TEXT values
/// escaped (§3.3.11: backslash, semicolon, comma, line breaks), every content line folded at 75 octets of UTF-8
/// (§3.1) without splitting a character. Pure text: no time zone is needed, since every event is a date.
/// </summary>
public static class ICalendarText
{
    /// <summary>Octets a content line may have, the line break not counted (RFC 5545 §3.1).</summary>
    public const int MaxOctets = 75;

    public static string Write(string calendarName, DateTime stampUtc, IEnumerable<ICalendarEvent> events)
    {
        var text = new StringBuilder();
        var stamp = stampUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//InvestmentCrm//Calendar//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, "X-WR-CALNAME:" + Escape(calendarName));
        // Asked of subscribers that honour it (Outlook, Apple): fetch again within the hour.
        Line(text, "REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        Line(text, "X-PUBLISHED-TTL:PT1H");
        foreach (var e in events)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, "UID:" + Escape(e.Uid));
            Line(text, "DTSTAMP:" + stamp);
            Line(text, "DTSTART;VALUE=DATE:" + Date(e.Day));
            Line(text, "DTEND;VALUE=DATE:" + Date(e.Day.AddDays(1)));
            Line(text, "SUMMARY:" + Escape(e.Summary));
            if (e.Description is not null)
            {
                Line(text, "DESCRIPTION:" + Escape(e.Description));
            }

            if (e.Url is not null)
            {
                Line(text, "URL:" + e.Url);
            }

            // A reminder of the day, not a meeting: it does not make the reader busy.
            Line(text, "TRANSP:TRANSPARENT");
            Line(text, "END:VEVENT");
        }

        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>A TEXT value: backslash, semicolon and comma escaped, any line break as <c>\n</c>, other control characters dropped.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        var normalized = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var c in normalized)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case ';': text.Append(@"\;"); break;
                case ',': text.Append(@"\,"); break;
                case '\n': text.Append(@"\n"); break;
                case '\t': text.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A content line folded into lines of at most <see cref="MaxOctets"/> octets: each continuation begins with one
    /// space, which counts towards its 75. Whole characters only, so a Chinese character (3 octets) or an emoji (4)
    /// is never cut in two.
    /// </summary>
    public static string Fold(string line)
    {
        var text = new StringBuilder(line.Length + 8);
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxOctets)
            {
                text.Append("\r\n ");
                octets = 1;
            }

            text.Append(rune.ToString());
            octets += size;
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string line) => text.Append(Fold(line)).Append("\r\n");

    private static string Date(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
