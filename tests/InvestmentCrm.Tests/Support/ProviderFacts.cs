using Xunit.Abstractions;
using Xunit.Sdk;

namespace InvestmentCrm.Tests.Support;

/// <summary>
/// The SQL Server connection string for the SQL Server half of the provider tests, from INVESTMENTCRM_SQLSERVER.
/// No SQL Server runs in this environment, so without it those tests are reported as skipped, with this reason.
/// </summary>
public static class SqlServerTarget
{
    public const string Variable = "INVESTMENTCRM_SQLSERVER";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public const string SkipReason = "SQL Server tests need a server: set " + Variable + " to a connection string (the database is created and dropped by the test).";
}

/// <summary>Marks a test class that runs its inherited provider tests against SQL Server.</summary>
public interface IRunsOnSqlServer;

/// <summary>
/// A fact of an abstract per-provider test class. In a class marked <see cref="IRunsOnSqlServer"/> it is reported
/// as skipped, with <see cref="SqlServerTarget.SkipReason"/>, unless INVESTMENTCRM_SQLSERVER is set.
/// </summary>
[XunitTestCaseDiscoverer("InvestmentCrm.Tests.Support.ProviderFactDiscoverer", "InvestmentCrm.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;

public sealed class ProviderFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var onSqlServer = typeof(IRunsOnSqlServer).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType());
        if (onSqlServer && SqlServerTarget.ConnectionString is null)
        {
            yield return new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, SqlServerTarget.SkipReason);
        }
        else
        {
            yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
        }
    }
}

/// <summary>
/// Under CI=true a test that needs a system tool fails when the tool is missing; elsewhere it says what to install.
/// </summary>
public static class SystemTools
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string Require(string path, string debianPackage)
    {
        if (File.Exists(path))
        {
            return path;
        }

        throw new InvalidOperationException($"{path} is missing: install the Debian package '{debianPackage}' (./test.sh does this when run as root).");
    }
}
