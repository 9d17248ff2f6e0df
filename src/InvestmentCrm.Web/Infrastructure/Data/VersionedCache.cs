using System.Collections.Concurrent;

namespace InvestmentCrm.Web.Infrastructure.Data;

/// <summary>
/// The last value computed per key, with the <see cref="DataVersions"/> stamp it was computed at; a value is handed
/// out only to a caller whose fresh stamp is the same, so it is exactly as current as recomputing it. Callers that
/// arrive while it is being computed for their stamp wait for that computation instead of starting their own (a
/// burst of requests after a write computes once). Keys must come from a bounded set (a chain's id, a scope and a
/// day), never from raw user input: the cache holds one entry per key and keeps <see cref="Capacity"/> at most.
/// </summary>
public sealed class VersionedCache<TKey, TValue>
    where TKey : notnull
{
    /// <summary>Beyond this many keys the cache starts again empty (old days' and departed users' entries go).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<TKey, Entry> entries = new();

    public int Count => entries.Count;

    public async Task<TValue> GetAsync(TKey key, long stamp, Func<Task<TValue>> compute)
    {
        if (entries.Count >= Capacity)
        {
            entries.Clear();
        }

        var mine = new Entry(stamp, new Lazy<Task<TValue>>(compute));
        var entry = entries.AddOrUpdate(key, mine, (_, old) => old.Stamp == stamp ? old : mine);
        if (!ReferenceEquals(entry, mine))
        {
            try
            {
                return await entry.Value.Value;
            }
            catch
            {
                // Another caller's computation failed (cancelled with its request, say): that is not this caller's
                // failure, so it computes its own below.
                entries.TryRemove(KeyValuePair.Create(key, entry));
                entries.TryAdd(key, mine);
            }
        }

        try
        {
            return await mine.Value.Value;
        }
        catch
        {
            // A failed computation is not kept for the next caller.
            entries.TryRemove(KeyValuePair.Create(key, mine));
            throw;
        }
    }

    private sealed record Entry(long Stamp, Lazy<Task<TValue>> Value);
}
