using System.Globalization;
using Cronos;
using Microsoft.Extensions.Localization;

namespace InvestmentCrm.Web.Infrastructure.Jobs;

/// <summary>
/// Cron expressions as Hangfire reads them (Cronos: 5 fields, or 6 with seconds first) and in words for the
/// schedules page: "每周一 08:00" / "Every Monday at 08:00". Only the shapes a schedule of this app takes are put
/// into words (every N minutes, hourly, daily, on weekdays, on days of the month); anything else returns null and
/// the page shows the expression alone. The Hangfire dashboard shows raw cron only, and no describer package is
/// available, hence this small one.
/// </summary>
public static class CronText
{
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static bool IsValid(string? cron) => TryParse(cron, out _);

    public static bool TryParse(string? cron, out CronExpression expression)
    {
        expression = null!;
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }

        var format = Fields(cron).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            expression = CronExpression.Parse(cron.Trim(), format);
            return true;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }

    /// <summary>The schedule in words in the localizer's culture, or null when it has no simple description.</summary>
    public static string? Describe(string cron, IStringLocalizer l)
    {
        if (!TryParse(cron, out var expression))
        {
            return null;
        }

        // A schedule that never comes (Hangfire's Cron.Never(), 31 February) is worth saying so.
        if (expression.GetNextOccurrence(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)) is null)
        {
            return l["Jobs.Cron.Never"];
        }

        var fields = Fields(cron);
        if (fields.Length == 6)
        {
            if (fields[0] != "0")
            {
                return null;
            }

            fields = fields[1..];
        }

        var (minute, hour, day, month, weekday) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        if (month != "*")
        {
            return null;
        }

        var anyDay = IsAny(day) && IsAny(weekday);
        if (minute == "*" && hour == "*" && anyDay)
        {
            return l["Jobs.Cron.EveryMinute"];
        }

        if (minute.StartsWith("*/", StringComparison.Ordinal) && Number(minute[2..], 1, 59) is { } step && hour == "*" && anyDay)
        {
            return l["Jobs.Cron.EveryNMinutes", step];
        }

        if (Number(minute, 0, 59) is not { } m)
        {
            return null;
        }

        if (hour == "*" && anyDay)
        {
            return l["Jobs.Cron.Hourly", m];
        }

        if (Number(hour, 0, 23) is not { } h)
        {
            return null;
        }

        var time = string.Create(CultureInfo.InvariantCulture, $"{h:00}:{m:00}");
        if (anyDay)
        {
            return l["Jobs.Cron.Daily", time];
        }

        if (IsAny(day) && Weekdays(weekday) is { } days)
        {
            return l["Jobs.Cron.Weekly", string.Join(l["Jobs.Cron.ListSeparator"], days.Select(d => l["Jobs.Cron.Day." + d])), time];
        }

        if (IsAny(weekday) && List(day, 1, 31) is { } dates)
        {
            return l["Jobs.Cron.Monthly", string.Join(l["Jobs.Cron.ListSeparator"], dates), time];
        }

        return null;
    }

    private static string[] Fields(string cron) => cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsAny(string field) => field is "*" or "?";

    private static int? Number(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n : null;

    /// <summary>"1,15" or "1-3" → the numbers; null for anything else (steps, names, L, W…).</summary>
    private static List<int>? List(string field, int min, int max)
    {
        var values = new SortedSet<int>();
        foreach (var part in field.Split(','))
        {
            var range = part.Split('-');
            if (range.Length > 2 || Number(range[0], min, max) is not { } from || Number(range[^1], min, max) is not { } to || to < from)
            {
                return null;
            }

            for (var n = from; n <= to; n++)
            {
                values.Add(n);
            }
        }

        return [.. values];
    }

    /// <summary>Weekdays as 0 (Sunday) … 6 (Saturday), from numbers (7 = Sunday) or names, lists and ranges.</summary>
    private static List<int>? Weekdays(string field)
    {
        var numeric = string.Join(',', field.Split(',').Select(part => string.Join('-', part.Split('-').Select(ToNumber))));
        return List(numeric, 0, 7)?.Select(d => d % 7).Distinct().Order().ToList();

        static string ToNumber(string day)
        {
            var index = Array.IndexOf(DayNames, day.ToUpperInvariant());
            return index >= 0 ? index.ToString(CultureInfo.InvariantCulture) : day;
        }
    }
}
