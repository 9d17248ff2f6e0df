using System.Collections;

namespace InvestmentCrm.Web.Infrastructure.Import;

/// <summary>
/// The problems of one file: the first <see cref="Limit"/> are kept, every later one only counted, so a file with
/// a million bad rows costs no more memory (and no longer a page) than one with a few hundred. The report ends with
/// one <see cref="ImportKeys.MoreProblems"/> entry that says how many more there were, on how many lines, and which
/// lines were checked.
/// </summary>
public sealed class ProblemLog
{
    private readonly List<ImportProblem> kept = [];
    private readonly BitArray linesWithProblems = new(1024);

    public ProblemLog(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>Every problem found, kept or only counted: a row is good while this does not change.</summary>
    public int Count { get; private set; }

    /// <summary>Lines with at least one problem (problems of the whole file, line 0, not counted).</summary>
    public int Lines { get; private set; }

    /// <summary>The data lines the checks went through, for the closing entry.</summary>
    public (int First, int Last) Checked { get; set; }

    public void Add(ImportProblem problem)
    {
        Count++;
        if (kept.Count < Limit)
        {
            kept.Add(problem);
        }

        if (problem.Line > 0)
        {
            if (problem.Line >= linesWithProblems.Length)
            {
                linesWithProblems.Length = Math.Max(problem.Line + 1, linesWithProblems.Length * 2);
            }

            if (!linesWithProblems[problem.Line])
            {
                linesWithProblems[problem.Line] = true;
                Lines++;
            }
        }
    }

    /// <summary>A copy to go on with, so that checking one read file twice does not report its problems twice.</summary>
    public ProblemLog Copy()
    {
        var copy = new ProblemLog(Limit) { Checked = Checked };
        copy.kept.AddRange(kept);
        copy.linesWithProblems.Length = linesWithProblems.Length;
        copy.linesWithProblems.Or(linesWithProblems);
        copy.Count = Count;
        copy.Lines = Lines;
        return copy;
    }

    /// <summary>The kept problems in file order, then the closing entry when some were only counted.</summary>
    public IReadOnlyList<ImportProblem> Report()
    {
        var report = kept.OrderBy(problem => problem.Line).ToList();
        if (Count > kept.Count)
        {
            report.Add(new ImportProblem(0, null, ImportKeys.MoreProblems, Count - kept.Count, Lines, Count, Checked.First, Checked.Last));
        }

        return report;
    }

    /// <summary>Lines with problems and problems in all, for a headline: from the closing entry when there is one.</summary>
    public static (int Lines, int Problems) Totals(IReadOnlyList<ImportProblem> report) =>
        report.Count > 0 && report[^1] is { Key: ImportKeys.MoreProblems, Args: [_, int lines, int problems, ..] }
            ? (lines, problems)
            : (report.Where(p => p.Line > 0).Select(p => p.Line).Distinct().Count(), report.Count);

    /// <summary>True for the closing entry, which pages show under their table rather than in it.</summary>
    public static bool IsClosing(ImportProblem problem) => problem.Key == ImportKeys.MoreProblems;
}
