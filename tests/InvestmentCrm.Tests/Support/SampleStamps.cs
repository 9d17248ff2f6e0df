namespace InvestmentCrm.Tests.Support;

/// <summary>
/// When rows a test inserts by SQL say they were created and last changed. A fixed instant, not the wall clock, so
/// a sample is the same at any hour and on any date; tests that need a time relative to the app's clock take it from
/// the injected <see cref="TimeProvider"/> instead.
/// </summary>
public static class SampleStamps
{
    public static readonly DateTime CreatedUtc = new(2026, 1, 5, 2, 0, 0, DateTimeKind.Utc);
}
