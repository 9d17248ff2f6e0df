using System.Diagnostics;
using System.Runtime.Versioning;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Scripts;

/// <summary>
/// run.sh and test.sh check for the .NET 10 SDK before anything else (scripts/prerequisites.sh) and stop with the
/// install commands when it is missing or too old. Each script runs with a PATH of its own: a folder holding only
/// <c>dirname</c> (the one outside command the scripts need before the check) and, where the case needs one, a fake
/// <c>dotnet</c> that lists SDKs.
/// </summary>
[SupportedOSPlatform("linux")] // bash scripts, executable files
public sealed class PrerequisitesTests : IDisposable
{
    private readonly TempDirectory folder = new("crm-prereq");

    private string Bin => Directory.CreateDirectory(Path.Combine(folder.Path, "bin")).FullName;

    private string Home => Directory.CreateDirectory(Path.Combine(folder.Path, "home")).FullName;

    public void Dispose() => folder.Dispose();

    private void FakeDotnet(params string[] sdks)
    {
        var script = Path.Combine(Bin, "dotnet");
        File.WriteAllText(script, "#!/bin/sh\n" + string.Concat(sdks.Select(sdk => $"echo '{sdk} [/usr/share/dotnet/sdk]'\n")));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private (int ExitCode, string Output, string Errors) Run(string script, params string[] args)
    {
        if (!File.Exists(Path.Combine(Bin, "dirname")))
        {
            File.CreateSymbolicLink(Path.Combine(Bin, "dirname"), "/usr/bin/dirname");
        }

        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder.Path };
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = Bin;
        start.Environment["HOME"] = Home;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not stop");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }

    [Theory]
    [InlineData("run.sh")]
    [InlineData("test.sh")]
    public void The_scripts_stop_with_the_install_commands_when_dotnet_is_missing(string script)
    {
        var (exitCode, output, errors) = Run(Path.Combine(RepoPaths.Root, script));

        Assert.Equal(1, exitCode);
        Assert.Contains("needs the .NET 10 SDK, but there is no dotnet command on PATH", errors, StringComparison.Ordinal);
        Assert.Contains("packages-microsoft-prod.deb", errors, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install -y dotnet-sdk-10.0", errors, StringComparison.Ordinal);
        Assert.Contains("dotnet-install.sh --channel 10.0", errors, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("run.sh")]
    [InlineData("test.sh")]
    public void The_scripts_stop_when_dotnet_has_no_10_sdk(string script)
    {
        FakeDotnet("8.0.404", "9.0.100");

        var (exitCode, _, errors) = Run(Path.Combine(RepoPaths.Root, script));

        Assert.Equal(1, exitCode);
        Assert.Contains("the dotnet on PATH has: 8.0.404 9.0.100.", errors, StringComparison.Ordinal);
        Assert.Contains("dotnet-sdk-10.0", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dotnet_installed_in_home_but_not_on_path_is_pointed_out()
    {
        var local = Directory.CreateDirectory(Path.Combine(Home, ".dotnet")).FullName;
        File.WriteAllText(Path.Combine(local, "dotnet"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(local, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var (exitCode, _, errors) = Run(Path.Combine(RepoPaths.Root, "run.sh"));

        Assert.Equal(1, exitCode);
        Assert.Contains($"dotnet-install.sh put one in {Home}/.dotnet", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.100")]
    [InlineData("9.0.100", "10.0.401")]
    public void A_10_sdk_passes_the_check(params string[] sdks)
    {
        FakeDotnet(sdks);

        var (exitCode, output, errors) = Run("-c", $". '{RepoPaths.Root}/scripts/prerequisites.sh' && require_dotnet && echo ready");

        Assert.Equal(0, exitCode);
        Assert.Equal("ready\n", output);
        Assert.Equal("", errors);
    }
}
