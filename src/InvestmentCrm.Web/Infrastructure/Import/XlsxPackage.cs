using System.IO.Compression;
using System.Xml;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// The parts of an XLSX workbook that an import reads, found through the package's relationships and opened as XML
/// readers that stream. A workbook is a zip file, and a few hundred kilobytes can expand to gigabytes: the sizes the
/// zip declares for those parts are added up before anything is expanded, and the bytes actually expanded are
/// counted as they are read, so a bomb is refused after a look at its directory.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive zip;
    private readonly Dictionary<string, ZipArchiveEntry> entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ImportLimits limits;
    private long expanded;

    public XlsxPackage(Stream stream, ImportLimits limits)
    {
        this.limits = limits;
        zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            entries.TryAdd(entry.FullName.Replace('\\', '/').TrimStart('/'), entry);
        }
    }

    public string? Workbook { get; private set; }

    public string? Worksheet { get; private set; }

    public string? SharedStrings { get; private set; }

    public string? Styles { get; private set; }

    public bool Date1904 { get; private set; }

    /// <summary>Finds the workbook, its first worksheet, shared strings and styles, then checks what they expand to.</summary>
    /// <returns>False when the package has no workbook or no worksheet (read as an empty file).</returns>
    public bool Locate()
    {
        var root = Relationships("_rels/.rels", "");
        Workbook = root.FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target ?? "xl/workbook.xml";
        if (!entries.ContainsKey(Workbook))
        {
            return false;
        }

        var slash = Workbook.LastIndexOf('/');
        var folder = slash < 0 ? "" : Workbook[..(slash + 1)];
        var parts = Relationships(folder + "_rels/" + Workbook[(slash + 1)..] + ".rels", folder);
        var sheetIds = ReadWorkbook();
        Worksheet = sheetIds
            .Select(id => parts.FirstOrDefault(r => r.Id == id && r.Type.EndsWith("/worksheet", StringComparison.Ordinal)).Target)
            .FirstOrDefault(target => target is not null && entries.ContainsKey(target));
        SharedStrings = Existing(parts.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target);
        Styles = Existing(parts.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target);
        if (Worksheet is null)
        {
            return false;
        }

        var declared = new[] { Worksheet, SharedStrings, Styles }.OfType<string>().Sum(part => entries[part].Length);
        if (expanded + declared > limits.MaxExpandedBytes)
        {
            throw TooLarge();
        }

        return true;
    }

    /// <summary>A streaming reader over a part; the bytes it expands count against the limit.</summary>
    public XmlReader Open(string part) =>
        XmlReader.Create(new CountingStream(entries[part].Open(), this), Xml);

    public void Dispose() => zip.Dispose();

    private ImportLimitException TooLarge() => new(new ImportProblem(0, null, ImportKeys.WorkbookTooLarge, limits.MaxExpandedMegabytes));

    private string? Existing(string? part) => part is not null && entries.ContainsKey(part) ? part : null;

    private List<string> ReadWorkbook()
    {
        var sheetIds = new List<string>();
        using var xml = Open(Workbook!);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "workbookPr")
            {
                Date1904 = xml.GetAttribute("date1904") is "1" or "true";
            }
            else if (xml.LocalName == "sheet" && RelationshipId(xml) is { } id)
            {
                sheetIds.Add(id);
            }
        }

        return sheetIds;
    }

    private static string? RelationshipId(XmlReader xml)
    {
        for (var i = 0; i < xml.AttributeCount; i++)
        {
            xml.MoveToAttribute(i);
            if (xml.LocalName == "id" && xml.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal))
            {
                var id = xml.Value;
                xml.MoveToElement();
                return id;
            }
        }

        xml.MoveToElement();
        return null;
    }

    private List<(string Id, string Type, string? Target)> Relationships(string part, string folder)
    {
        var found = new List<(string, string, string?)>();
        if (!entries.ContainsKey(part))
        {
            return found;
        }

        using var xml = Open(part);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.NamespaceURI == RelationshipsNamespace
                && xml.GetAttribute("TargetMode") != "External")
            {
                found.Add((xml.GetAttribute("Id") ?? "", xml.GetAttribute("Type") ?? "", Resolve(folder, xml.GetAttribute("Target"))));
            }
        }

        return found;
    }

    // Targets are relative to the folder of the part that names them, or absolute from the package root.
    private static string? Resolve(string folder, string? target)
    {
        if (string.IsNullOrEmpty(target))
        {
            return null;
        }

        target = Uri.UnescapeDataString(target);
        var path = target.StartsWith('/') ? target[1..] : folder + target;
        var resolved = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                resolved.Add(segment);
            }
        }

        return string.Join('/', resolved);
    }

    /// <summary>Counts the expanded bytes of every part read against <see cref="ImportLimits.MaxExpandedBytes"/>, in case
    /// a zip declares less than it holds.</summary>
    private sealed class CountingStream(Stream inner, XlsxPackage package) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int read)
        {
            package.expanded += read;
            return package.expanded > package.limits.MaxExpandedBytes ? throw package.TooLarge() : read;
        }
    }
}
