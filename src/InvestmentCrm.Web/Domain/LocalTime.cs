namespace InvestmentCrm.Web.Domain;

/// <summary>
/// Days as the bureau lives them: times are stored in UTC, while dates (follow-ups, signings, "today", a digest's
/// week) are days in the app's time zone (<c>App:TimeZone</c>, Asia/Shanghai by default). Every conversion between
/// the two goes through here, so a day never starts at UTC midnight in one place and Shanghai midnight in another.
/// </summary>
public static class LocalTime
{
    /// <summary>
    /// The zone of an IANA id. A system without time-zone data (a slim container) knows no id at all; it gets UTC+8,
    /// China's one zone without daylight saving, rather than failing. An id the system's data does not have is
    /// refused at start-up (<see cref="IsKnown"/>), so it never gets this far.
    /// </summary>
    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");

    /// <summary>True when <paramref name="id"/> names a zone here, or when the system has no zone data to check against.</summary>
    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id) && (TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) || TimeZoneInfo.GetSystemTimeZones().Count == 0);

    /// <summary>The day, in <paramref name="zone"/>, of a stored UTC time.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>Today in <paramref name="zone"/>.</summary>
    public static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) => DayOf(clock.GetUtcNow().UtcDateTime, zone);

    /// <summary>The UTC instant at which <paramref name="day"/> begins in <paramref name="zone"/>.</summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}
