using System.Runtime.CompilerServices;

namespace InvestmentCrm.Tests.Support;

/// <summary>Settings of the whole test process, applied before any test runs.</summary>
internal static class TestProcess
{
    /// <summary>
    /// Hosts of the suite do not watch their appsettings files: every live host (an app per test class, the command
    /// line's hosts, hosts a test starts with a bad setting to see them refused) would otherwise hold inotify
    /// instances, and on a machine shared by several test runs the per-user limit (128 by default) runs out, failing
    /// unrelated tests with "the configured user limit on the number of inotify instances has been reached". No
    /// test changes a settings file while a host runs; they pass settings in memory (AppFactory.Settings).
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
