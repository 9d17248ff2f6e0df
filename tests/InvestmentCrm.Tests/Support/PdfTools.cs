using System.Diagnostics;
using InvestmentCrm.Web.Features.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace InvestmentCrm.Tests.Support;

/// <summary>The app for PDF tests: fails at once when Chromium or pdftotext is missing, then seeds what a class needs.</summary>
public class PdfAppFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public async Task InitializeAsync()
    {
        SystemTools.Require("/usr/bin/chromium", "chromium");
        SystemTools.Require("/usr/bin/pdftotext", "poppler-utils");
        _ = App.Services;
        await SeedAsync(App);
    }

    /// <summary>What the class needs beyond the demo data.</summary>
    protected virtual Task SeedAsync(AppFactory app) => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>Documents generated through the app and read back with poppler-utils, run as processes.</summary>
public static class PdfTools
{
    /// <summary>Where generated PDFs and page images are kept for a person to look at after the run.</summary>
    public static readonly string Artifacts = Path.Combine(RepoPaths.Root, "TestResults", "pdf");

    /// <summary>Generates a document, keeps it as Artifacts/<paramref name="name"/>.pdf and returns its text.</summary>
    public static async Task<string> GenerateToTextAsync(AppFactory app, string kind, string subject, string culture, string name)
    {
        using var scope = app.Services.CreateScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<Documents>().GenerateAsync(kind, subject, culture);
        Assert.NotNull(pdf);
        Directory.CreateDirectory(Artifacts);
        var path = Path.Combine(Artifacts, name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf.Content);
        return await TextAsync(path);
    }

    /// <summary>Draws page 1 of a PDF as Artifacts/<paramref name="name"/>.png (80 dpi) and returns its path.</summary>
    public static async Task<string> FirstPagePngAsync(string pdf, string name)
    {
        await RunAsync(SystemTools.Require("/usr/bin/pdftoppm", "poppler-utils"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, Path.Combine(Artifacts, name));
        var png = Path.Combine(Artifacts, name + ".png");
        Assert.True(File.Exists(png), png + " was not written");
        return png;
    }

    /// <summary>The text of a PDF held in memory (a download, a mail attachment).</summary>
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), "crm-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            return await TextAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<string> TextAsync(string pdf) =>
        await RunAsync(SystemTools.Require("/usr/bin/pdftotext", "poppler-utils"), "-layout", "-enc", "UTF-8", pdf, "-");

    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await error}");
        return await output;
    }
}
