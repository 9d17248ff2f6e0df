using System.Text;
using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Features.Attachments;
using InvestmentCrm.Web.Features.Projects;
using static InvestmentCrm.Tests.Features.Attachments.AttachmentSamples;

namespace InvestmentCrm.Tests.Features.Attachments;

/// <summary>A file's kind from its leading bytes, whatever its name says; and the options that choose the kinds.</summary>
public sealed class FileTypesTests
{
    public static TheoryData<string, byte[], bool> Samples() => new()
    {
        { ".pdf", Pdf(), true },
        { ".pdf", Exe(), false },
        { ".pdf", "%PD"u8.ToArray(), false },
        { ".png", Png(), true },
        { ".png", Pdf(), false },
        { ".jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, .. "JFIF"u8], true },
        { ".jpeg", [0xFF, 0xD8, 0xFF, 0xE1], true },
        { ".jpg", Png(), false },
        { ".gif", "GIF89a\x01\0\x01\0"u8.ToArray(), true },
        { ".gif", "GIF90a"u8.ToArray(), false },
        { ".webp", [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8], true },
        { ".webp", [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WAVEfmt "u8], false },
        { ".docx", Zip("[Content_Types].xml", "word/document.xml"), true },
        { ".docx", Zip("[Content_Types].xml", "xl/workbook.xml"), false },
        { ".xlsx", ImportTestFiles.WriteXlsx(ProjectImport.Header, [], ProjectImport.NumericColumns), true },
        { ".xlsx", Zip("evil.exe"), false },
        { ".xlsx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], false },
        { ".txt", Encoding.UTF8.GetBytes("考察纪要：\r\n\t设备投资 1.2 亿元"), true },
        { ".txt", Encoding.GetEncoding("utf-16").GetBytes("abc"), false },
        { ".txt", Exe(), false },
        { ".exe", Exe(), false },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_file_matches_its_extension_only_when_its_content_starts_as_that_kind_does(string extension, byte[] content, bool matches)
    {
        using var stream = new MemoryStream(content);
        stream.Position = 3;

        Assert.Equal(matches, FileTypes.Matches(stream, extension));
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public void Options_name_each_setting_that_is_out_of_range_or_a_type_whose_content_cannot_be_checked()
    {
        Assert.Empty(new AttachmentOptions().Problems());
        Assert.Equal([".pdf", ".png"], new AttachmentOptions { AllowedTypes = " PDF , .png,.pdf" }.Extensions);

        var problems = new AttachmentOptions { AllowedTypes = ".pdf,.exe", MaxFileMegabytes = 0 }.Problems().ToList();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Attachments:MaxFileMegabytes is 0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("\".exe\"", StringComparison.Ordinal));
        Assert.Contains(new AttachmentOptions { AllowedTypes = " , " }.Problems(), p => p.Contains("AllowedTypes is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_configured_with_an_unknown_attachment_type_does_not_start()
    {
        await using var app = new AppFactory();
        app.Settings["Attachments:AllowedTypes"] = ".pdf,.bat";

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => app.Services);

        Assert.Contains("Attachments:AllowedTypes holds \".bat\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"C:\Users\李\Desktop\合同.pdf", "合同.pdf")]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("a\u0000b\r\n.pdf", "ab.pdf")]
    [InlineData("  ", "file")]
    public void A_file_name_keeps_neither_folders_nor_control_characters(string sent, string kept) =>
        Assert.Equal(kept, AttachmentFiles.CleanName(sent));
}
