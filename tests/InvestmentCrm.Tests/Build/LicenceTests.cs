using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Build;

/// <summary>
/// Hangfire is LGPL-3.0: every package of the app under a GNU licence is named in NOTICE.md, the licence texts ship
/// with the build, its assemblies stay separate files, and a single-file publish is refused.
/// </summary>
public sealed class LicenceTests
{
    [Fact]
    public void Every_gnu_licensed_package_of_the_app_is_named_in_the_notice_with_the_licence_texts_beside_it()
    {
        var notice = File.ReadAllText(Path.Combine(RepoPaths.Root, "NOTICE.md"));
        var gnu = GnuLicensedPackages().ToList();

        Assert.Contains("Hangfire.Core", gnu);
        Assert.All(gnu, package => Assert.Contains($"`{package}`", notice, StringComparison.Ordinal));
        Assert.Contains("GNU LESSER GENERAL PUBLIC LICENSE", File.ReadAllText(Path.Combine(RepoPaths.Root, "licenses", "LGPL-3.0.txt")), StringComparison.Ordinal);
        Assert.Contains("GNU GENERAL PUBLIC LICENSE", File.ReadAllText(Path.Combine(RepoPaths.Root, "licenses", "GPL-3.0.txt")), StringComparison.Ordinal);
        // The build output carries them, and the Hangfire assemblies as files of their own.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "NOTICE.md")));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "licenses", "LGPL-3.0.txt")));
        Assert.All(gnu, package => Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, package + ".dll")), package + ".dll is a separate file"));
    }

    [Fact]
    public async Task A_single_file_publish_is_refused()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Root };
        foreach (var arg in new[] { "msbuild", Path.Combine(RepoPaths.Web, "InvestmentCrm.Web.csproj"), "-t:KeepLgplAssembliesSeparate", "-p:PublishSingleFile=true", "-nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        using var msbuild = Process.Start(info)!;
        var output = await msbuild.StandardOutput.ReadToEndAsync() + await msbuild.StandardError.ReadToEndAsync();
        await msbuild.WaitForExitAsync();

        Assert.NotEqual(0, msbuild.ExitCode);
        Assert.Contains("Hangfire is used under the LGPL-3.0", output, StringComparison.Ordinal);
    }

    /// <summary>Packages of the web app whose nuspec licence (expression or file) is a GNU licence.</summary>
    private static IEnumerable<string> GnuLicensedPackages()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Web, "obj", "project.assets.json")));
        var folders = assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(f => f.Name).ToList();
        foreach (var library in assets.RootElement.GetProperty("libraries").EnumerateObject().Where(l => l.Value.GetProperty("type").GetString() == "package"))
        {
            var path = library.Value.GetProperty("path").GetString()!;
            var folder = folders.Select(f => Path.Combine(f, path)).First(Directory.Exists);
            var nuspec = XDocument.Load(Directory.GetFiles(folder, "*.nuspec").Single());
            var license = nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == "license");
            var text = license?.Attribute("type")?.Value == "file" ? File.ReadAllText(Path.Combine(folder, license.Value)) : license?.Value ?? string.Empty;
            if (text.Contains("GPL", StringComparison.Ordinal) || text.Contains("General Public License", StringComparison.Ordinal))
            {
                yield return library.Name[..library.Name.IndexOf('/')];
            }
        }
    }
}
