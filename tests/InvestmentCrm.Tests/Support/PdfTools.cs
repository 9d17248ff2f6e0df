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
        SystemTools.Require("/usr/bin/pdffonts", "poppler-utils");
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
    public static async Task<string> GenerateToTextAsync(AppFactory app, string kind, string subject, string culture, string name) =>
        await TextAsync(await GenerateAsync(app, kind, subject, culture, name));

    /// <summary>Generates a document, keeps it as Artifacts/<paramref name="name"/>.pdf and returns that path.</summary>
    public static async Task<string> GenerateAsync(AppFactory app, string kind, string subject, string culture, string name)
    {
        using var scope = app.Services.CreateScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<Documents>().GenerateAsync(kind, subject, culture);
        Assert.NotNull(pdf);
        Directory.CreateDirectory(Artifacts);
        var path = Path.Combine(Artifacts, name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf.Content);
        return path;
    }

    /// <summary>
    /// The document prints its text with Brief SC embedded as TrueType subsets (regular and bold) and holds no Type 3
    /// font: Chromium writes CFF fonts such as Noto Sans CJK, and synthetic bold, as Type 3 glyph procedures, which
    /// made a two-page brief 0.4 MB and over a second of CPU. Each face is embedded once: a weight other than 400 and
    /// 700, or a synthesized italic, embeds the font again, which costs every document 40–60 ms of CPU.
    /// </summary>
    public static async Task AssertEmbedsBriefScWithoutType3Async(string pdf)
    {
        var fonts = await FontsAsync(pdf);

        Assert.NotEmpty(fonts);
        Assert.DoesNotContain(fonts, f => f.Type == "Type 3");
        foreach (var face in new[] { "BriefSC-Regular", "BriefSC-Bold" })
        {
            var copies = fonts.Where(f => f.Name.EndsWith("+" + face, StringComparison.Ordinal)).ToList();
            Assert.True(copies.Count == 1, $"{face} is embedded {copies.Count} times: {string.Join(", ", fonts.Select(f => f.Name))}");
            Assert.True(copies[0] is { Type: "CID TrueType", Embedded: true, Subset: true, Unicode: true }, $"{face}: {copies[0]}");
        }
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

    /// <summary>The fonts of a PDF as pdffonts lists them (one per font object of the document).</summary>
    public static async Task<IReadOnlyList<PdfFont>> FontsAsync(string pdf)
    {
        var lines = (await RunAsync(SystemTools.Require("/usr/bin/pdffonts", "poppler-utils"), pdf)).Split('\n');
        // Fixed-width columns under a line of dashes: name, type, encoding, emb, sub, uni, object ID.
        var columns = lines[1].Split(' ').Select(dashes => dashes.Length).ToArray();
        string Column(string line, int index)
        {
            var start = columns.Take(index).Sum() + index;
            return start >= line.Length ? "" : line[start..Math.Min(line.Length, start + columns[index])].Trim();
        }

        return lines.Skip(2).Where(line => line.Length > 0)
            .Select(line => new PdfFont(Column(line, 0), Column(line, 1), Column(line, 3) == "yes", Column(line, 4) == "yes", Column(line, 5) == "yes"))
            .ToList();
    }

    /// <summary>How many pages a PDF has (pdfinfo).</summary>
    public static async Task<int> PageCountAsync(string pdf)
    {
        var info = await RunAsync(SystemTools.Require("/usr/bin/pdfinfo", "poppler-utils"), pdf);
        var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

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

/// <summary>One line of pdffonts: the font's name (a subset carries a "ABCDEF+" prefix), its PDF font type ("CID
/// TrueType", "Type 3", …) and whether it is embedded, subset and has a ToUnicode map.</summary>
public sealed record PdfFont(string Name, string Type, bool Embedded, bool Subset, bool Unicode);
