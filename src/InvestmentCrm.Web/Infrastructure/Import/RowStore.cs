using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>Thrown while reading when a file passes one of <see cref="ImportLimits"/>; the read ends with its problem alone.</summary>
internal sealed class ImportLimitException(ImportProblem problem) : Exception(problem.ToString())
{
    public ImportProblem Problem { get; } = problem;
}

/// <summary>Many strings kept as one run of characters in 64K chunks plus where each ends: the texts of a file cost
/// about two bytes a character and four bytes a text, instead of an object each (a million cells would otherwise be a
/// million strings and the garbage they leave while the file is read).</summary>
internal sealed class TextStore(TextBudget budget)
{
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly List<char[]> chunks = [];
    private readonly IntList ends = new();
    private int length;

    public long Count => ends.Count;

    public void Add(ReadOnlySpan<char> text)
    {
        budget.Spend(text.Length);
        while (!text.IsEmpty)
        {
            var offset = length & (ChunkSize - 1);
            if (offset == 0 && length >> ChunkBits == chunks.Count)
            {
                chunks.Add(new char[ChunkSize]);
            }

            var part = Math.Min(text.Length, ChunkSize - offset);
            text[..part].CopyTo(chunks[length >> ChunkBits].AsSpan(offset));
            length += part;
            text = text[part..];
        }

        ends.Add(length);
    }

    public string this[long index]
    {
        get
        {
            var start = index == 0 ? 0 : ends[index - 1];
            var end = ends[index];
            return end == start ? "" : string.Create(end - start, (this, start), static (span, state) =>
            {
                var (store, position) = state;
                while (!span.IsEmpty)
                {
                    var offset = position & (ChunkSize - 1);
                    var part = Math.Min(span.Length, ChunkSize - offset);
                    store.chunks[position >> ChunkBits].AsSpan(offset, part).CopyTo(span);
                    span = span[part..];
                    position += part;
                }
            });
        }
    }
}

/// <summary>The characters the texts of one file may hold (<see cref="ImportLimits.MaxTextMegabytes"/>), shared by its
/// shared strings and its rows.</summary>
internal sealed class TextBudget(ImportLimits limits)
{
    private long left = limits.MaxTextCharacters;

    public void Spend(int characters)
    {
        left -= characters;
        if (left < 0)
        {
            throw new ImportLimitException(new ImportProblem(0, null, ImportKeys.TooMuchText, limits.MaxTextMegabytes));
        }
    }
}

/// <summary>A growing list of ints in 16K chunks: no doubling copy of one large array as it grows.</summary>
internal sealed class IntList
{
    private const int ChunkBits = 14;
    private const int ChunkSize = 1 << ChunkBits;
    private readonly List<int[]> chunks = [];

    public long Count { get; private set; }

    public void Add(int value)
    {
        if ((Count & (ChunkSize - 1)) == 0)
        {
            chunks.Add(new int[ChunkSize]);
        }

        chunks[^1][Count & (ChunkSize - 1)] = value;
        Count++;
    }

    public int this[long index] => chunks[(int)(index >> ChunkBits)][index & (ChunkSize - 1)];
}

/// <summary>The data rows of a read file: the values of the named columns of every row, in one <see cref="TextStore"/>.
/// A <see cref="TabularRow"/> is made when a row is asked for; its values are a view that makes each string on demand.</summary>
internal sealed class RowStore(IReadOnlyDictionary<string, int> columnOf, TextBudget budget) : IReadOnlyList<TabularRow>
{
    private readonly IReadOnlyDictionary<string, int> columnOf = columnOf;
    private readonly TextStore cells = new(budget);
    private readonly IntList lines = new();
    private readonly int width = columnOf.Count;

    public int Count => (int)lines.Count;

    /// <summary><paramref name="values"/> holds one value per named column, in the order of the column map.</summary>
    public void Add(int line, IReadOnlyList<string> values)
    {
        foreach (var value in values)
        {
            cells.Add(value);
        }

        lines.Add(line);
    }

    public TabularRow this[int index] =>
        index >= 0 && index < Count ? new TabularRow(lines[index], new RowValues(this, index)) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<TabularRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class RowValues(RowStore store, int row) : IReadOnlyDictionary<string, string>
    {
        public int Count => store.width;

        public IEnumerable<string> Keys => store.columnOf.Keys;

        public IEnumerable<string> Values => Keys.Select(key => this[key]);

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public bool ContainsKey(string key) => store.columnOf.ContainsKey(key);

        public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
        {
            if (store.columnOf.TryGetValue(key, out var column))
            {
                value = store.cells[((long)row * store.width) + column];
                return true;
            }

            value = null;
            return false;
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
            Keys.Select(key => new KeyValuePair<string, string>(key, this[key])).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
