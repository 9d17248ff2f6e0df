namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// The <see cref="DataVersions"/> counters as the cached values of one page read them: once per GET (or HEAD)
/// request, shared by the session check, the notifications count, the saved views' tabs, the filter choices and the
/// page's own cached figures, instead of one read each. A page is then a snapshot of the data as of its first
/// read, which is what each of those reads gave before, only taken once. Requests that may write (POST and the
/// rest) and work outside a request (jobs, the command line) read the counters afresh at every call, so nothing
/// computed before a write in the same request is handed out after it.
/// </summary>
public sealed class RequestDataVersions(IDb db, IHttpContextAccessor http)
{
    private static readonly object Key = new();

    /// <summary>The stamp of <paramref name="tables"/>: read it before the data a cached value is computed from.</summary>
    public async Task<long> StampAsync(IReadOnlyList<string> tables, CancellationToken ct) => (await ReadAsync(ct)).Stamp(tables);

    public Task<DataVersions.Counters> ReadAsync(CancellationToken ct)
    {
        var context = http.HttpContext;
        if (context is null || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            return DataVersions.ReadAsync(db, ct);
        }

        if (context.Items.TryGetValue(Key, out var read) && read is Task<DataVersions.Counters> counters && !counters.IsFaulted && !counters.IsCanceled)
        {
            return counters;
        }

        var first = DataVersions.ReadAsync(db, ct);
        context.Items[Key] = first;
        return first;
    }
}
