using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using CsvHelper.Configuration;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>Reads a UTF-8 CSV record by record into a <see cref="TableBuilder"/>, within the file size, line length,
/// cell length, column and row limits.</summary>
internal static class CsvTableReader
{
    public static TabularReadResult Read(Stream stream, ImportLimits limits)
    {
        // The bytes (at most the file limit) are kept to find the line of a bad byte; the text is decoded as it is parsed.
        var bytes = TabularFile.ReadAll(stream, limits.MaxFileBytes)
            ?? throw new ImportLimitException(new ImportProblem(0, null, ImportKeys.FileTooLarge, limits.MaxFileMegabytes));
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;

        // A file saved as GBK/GB18030 (Excel's default "CSV" on Chinese Windows) would otherwise come out as mojibake.
        var badLine = FirstInvalidUtf8Line(bytes.AsSpan(start));
        if (badLine > 0)
        {
            return TabularReadResult.Failed(new ImportProblem(badLine, null, ImportKeys.NotUtf8), limits);
        }

        var table = new TableBuilder(limits, fixedWidth: true);
        var badData = false;
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            Mode = CsvMode.RFC4180,
            DetectDelimiter = false,
            // Blank lines come through as records so that every line is counted; the table skips them.
            IgnoreBlankLines = false,
            MissingFieldFound = null,
            BadDataFound = _ => badData = true,
            // A quoted field may run over many lines; the line guard below does not see it as one long line.
            MaxFieldSize = limits.MaxCellCharacters,
        };
        var text = new StreamReader(new MemoryStream(bytes, start, bytes.Length - start), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: false);
        using var guard = new LineLengthGuard(text, limits.MaxLineCharacters);
        using var parser = new CsvParser(guard, config);
        var nextLine = 1;
        try
        {
            while (parser.Read())
            {
                // Fields are parsed (and BadDataFound raised) when the record is taken, so take it first.
                var cells = parser.Record ?? [];
                // A quoted field may span several lines: the record starts where the previous one ended.
                var line = nextLine;
                nextLine += LineBreaks(parser.RawRecord);
                if (badData)
                {
                    table.Problem(new ImportProblem(line, null, ImportKeys.BadCsvQuotes));
                }

                table.Add(line, cells, rejected: badData);
                badData = false;
            }
        }
        catch (MaxFieldSizeException)
        {
            throw new ImportLimitException(new ImportProblem(nextLine, null, ImportKeys.CellTooLong, limits.MaxCellCharacters));
        }

        return table.Build();
    }

    private static int FirstInvalidUtf8Line(ReadOnlySpan<byte> content)
    {
        if (Utf8.IsValid(content))
        {
            return 0;
        }

        var chars = ArrayPool<char>.Shared.Rent(content.Length);
        try
        {
            Utf8.ToUtf16(content, chars, out var validBytes, out _, replaceInvalidSequences: false);
            return 1 + content[..validBytes].Count((byte)'\n');
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static int LineBreaks(string raw)
    {
        var breaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return breaks;
    }

    /// <summary>Passes text through to the CSV parser and stops it at the first physical line longer than the limit,
    /// before the parser has grown a buffer (and a field list) for all of it.</summary>
    private sealed class LineLengthGuard(TextReader inner, int maxLineCharacters) : TextReader
    {
        private int line = 1;
        private int lineLength;
        private bool afterCr;

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            var c = inner.Read();
            if (c >= 0)
            {
                Count([(char)c]);
            }

            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var read = inner.Read(buffer);
            Count(buffer[..read]);
            return read;
        }

        private void Count(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                var end = text.IndexOfAny('\n', '\r');
                var length = end < 0 ? text.Length : end;
                if (length > 0)
                {
                    afterCr = false;
                }

                lineLength += length;
                if (lineLength > maxLineCharacters)
                {
                    throw new ImportLimitException(new ImportProblem(line, null, ImportKeys.LineTooLong, maxLineCharacters));
                }

                if (end < 0)
                {
                    return;
                }

                if (!(text[end] == '\n' && afterCr))
                {
                    line++; // \r\n is one break, also when a read ends between the two
                }

                afterCr = text[end] == '\r';
                lineLength = 0;
                text = text[(end + 1)..];
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
