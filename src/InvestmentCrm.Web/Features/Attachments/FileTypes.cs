using System.IO.Compression;
using System.Text;

namespace InvestmentCrm.Web.Features.Attachments;

/// <summary>
/// The kinds of file an attachment may be, each recognised by its leading bytes (its "magic number"), not by its
/// name: a program renamed to .pdf starts with "MZ", not "%PDF-", and is refused. Word and Excel files are zip
/// containers, told apart by the part every such document has. Plain text is UTF-8 without control bytes.
/// </summary>
public static class FileTypes
{
    private const int SniffBytes = 8192;

    private static readonly Dictionary<string, (string ContentType, Func<Stream, bool> Matches)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", s => StartsWith(s, "%PDF-"u8)),
        [".png"] = ("image/png", s => StartsWith(s, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".jpg"] = ("image/jpeg", IsJpeg),
        [".jpeg"] = ("image/jpeg", IsJpeg),
        [".gif"] = ("image/gif", s => StartsWith(s, "GIF87a"u8) || StartsWith(s, "GIF89a"u8)),
        [".webp"] = ("image/webp", s => StartsWith(s, "RIFF"u8) && At(s, 8, "WEBP"u8)),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", s => IsZipWith(s, "word/document.xml")),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", s => IsZipWith(s, "xl/workbook.xml")),
        [".txt"] = ("text/plain; charset=utf-8", IsText),
    };

    public static IEnumerable<string> Known => Types.Keys;

    public static bool IsKnown(string extension) => Types.ContainsKey(extension);

    /// <summary>The content type to serve a file of this extension with.</summary>
    public static string ContentType(string extension) =>
        Types.TryGetValue(extension, out var type) ? type.ContentType : "application/octet-stream";

    /// <summary>Whether the content of <paramref name="seekable"/> is what its extension says. Leaves it at position 0.</summary>
    public static bool Matches(Stream seekable, string extension)
    {
        seekable.Position = 0;
        if (!Types.TryGetValue(extension, out var type))
        {
            return false;
        }

        try
        {
            return type.Matches(seekable);
        }
        finally
        {
            seekable.Position = 0;
        }
    }

    private static bool IsJpeg(Stream s) => StartsWith(s, [0xFF, 0xD8, 0xFF]);

    private static bool StartsWith(Stream s, ReadOnlySpan<byte> magic) => At(s, 0, magic);

    private static bool At(Stream s, int offset, ReadOnlySpan<byte> magic)
    {
        var head = Head(s, offset + magic.Length);
        return head.Length >= offset + magic.Length && head.AsSpan(offset, magic.Length).SequenceEqual(magic);
    }

    private static byte[] Head(Stream s, int count)
    {
        s.Position = 0;
        var buffer = new byte[count];
        var read = s.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    /// <summary>A zip file (PK\3\4) whose directory lists <paramref name="part"/>: only the directory is read, never
    /// the entries, so a zip bomb costs nothing here.</summary>
    private static bool IsZipWith(Stream s, string part)
    {
        if (!StartsWith(s, [0x50, 0x4B, 0x03, 0x04]))
        {
            return false;
        }

        try
        {
            s.Position = 0;
            using var zip = new ZipArchive(s, ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Any(e => string.Equals(e.FullName, part, StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>UTF-8 (a BOM allowed) without NUL or other control bytes than tab and line ends, judged on its start;
    /// a character cut at the end of that start is not held against it.</summary>
    private static bool IsText(Stream s)
    {
        var head = Head(s, SniffBytes);
        if (head.Any(b => b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C)))
        {
            return false;
        }

        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            decoder.GetCharCount(head, flush: head.Length < SniffBytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
