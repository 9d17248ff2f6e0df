using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>
/// The one place a chain map is written: the upload page, <c>import chain FILE</c>, the demo seeder and the chain
/// editor pages all save a whole map through here, so every rule of <see cref="ChainMapValidator"/> holds the same
/// way everywhere. A save runs in one transaction and upserts nodes by code, so node ids — and the enterprise
/// mappings that point at them — survive an edit or a re-import. Saving the map that is already stored changes
/// nothing (no new version, no audit row).
/// </summary>
public sealed class ChainMapImporter(IDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Reads, checks and saves a chain-map JSON file's text (import: create or update by code).</summary>
    public async Task<ChainSaveResult> ImportJsonAsync(string json, CancellationToken ct = default)
    {
        var parse = ChainMapJson.Parse(json);
        return parse.Map is null
            ? ChainSaveResult.Failed(SaveOutcome.Rejected, [.. parse.Problems])
            : await SaveAsync(new ChainSaveRequest(parse.Map), ct);
    }

    public async Task<ChainSaveResult> SaveAsync(ChainSaveRequest request, CancellationToken ct = default)
    {
        var problems = ChainMapValidator.Validate(request.Map);
        if (problems.Count > 0)
        {
            return ChainSaveResult.Failed(SaveOutcome.Rejected, [.. problems]);
        }

        var map = Normalize(request.Map);
        return await db.InTransactionAsync(async session =>
        {
            // The chief and leading enterprises are checked before anything is written, in the same transaction.
            if (request.Leaders is { } leaders && await ChainLeadership.ProblemsAsync(session, leaders) is { Count: > 0 } wrong)
            {
                return ChainSaveResult.Failed(SaveOutcome.Rejected, [.. wrong]);
            }

            var result = await SaveMapAsync(session, request, map);
            if (result.Succeeded && request.Leaders is not null && await new ChainLeadership(audit).WriteAsync(session, result.ChainId, request.Leaders)
                && result.Outcome == SaveOutcome.Unchanged)
            {
                return result with { Outcome = SaveOutcome.Updated };
            }

            return result;
        }, ct);
    }

    private async Task<ChainSaveResult> SaveMapAsync(DbSession session, ChainSaveRequest request, ChainMap map)
    {
        var existing = await LoadAsync(session, map.Code);
        if (existing is null)
        {
            return request.Mode == ChainSaveMode.Update
                ? ChainSaveResult.Failed(SaveOutcome.NotFound)
                : await CreateAsync(session, map, request.ParkIds);
        }

        if (request.Mode == ChainSaveMode.Create)
        {
            return ChainSaveResult.Failed(SaveOutcome.Rejected, new FieldProblem("code", ChainImportKeys.CodeTaken, map.Code));
        }

        if (request.ExpectedVersion is { } expected && expected != existing.Version)
        {
            return ChainSaveResult.Failed(SaveOutcome.Conflict);
        }

        return await UpdateAsync(session, existing, map, request.ParkIds);
    }

    /// <summary>The stored chain with this code, or null.</summary>
    public Task<StoredChain?> LoadAsync(string code, CancellationToken ct = default) =>
        db.InTransactionAsync(session => LoadAsync(session, code), ct);

    public static async Task<StoredChain?> LoadAsync(DbSession session, string code)
    {
        var chain = await session.QuerySingleOrDefaultAsync<ChainRow>(Sql.ChainByCode, new { Code = code });
        if (chain is null)
        {
            return null;
        }

        var nodes = await NodesAsync(session, chain.Id);
        var edges = await EdgesAsync(session, chain.Id);
        var parks = await session.QueryAsync<long>(Sql.ParkIds, new { ChainId = chain.Id });
        var map = new ChainMap(
            chain.Code,
            chain.Name,
            chain.NameEn,
            chain.Description,
            nodes.Select(n => new ChainNodeSpec(n.Code, n.Name, n.NameEn, n.Segment, n.ParentCode, SplitCodes(n.IndustryCodes), n.IsKey, n.Description)).ToList(),
            edges.Select(e => new ChainEdgeSpec(e.FromCode, e.ToCode, e.Weight is { } w ? Trim(w) : null)).ToList());
        return new StoredChain(chain.Id, chain.Version, map, parks, chain.UpdatedAtUtc);
    }

    private async Task<ChainSaveResult> CreateAsync(DbSession session, ChainMap map, IReadOnlyCollection<long>? parkIds)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var chainId = await session.InsertAsync(Sql.InsertChain, new { map.Code, map.Name, map.NameEn, map.Description, Now = now });
        await WriteNodesAndEdgesAsync(session, chainId, map, new Dictionary<string, long>(StringComparer.Ordinal));
        await SetParksAsync(session, chainId, parkIds ?? []);
        await audit.WriteAsync(session, "Chain", chainId, "create", new
        {
            map.Code,
            map.Name,
            Nodes = map.Nodes.Count,
            Edges = map.Edges.Count,
            Parks = parkIds,
        });
        return new ChainSaveResult(SaveOutcome.Created, map.Code, chainId, 1, map.Nodes.Count, map.Edges.Count, []);
    }

    private async Task<ChainSaveResult> UpdateAsync(DbSession session, StoredChain existing, ChainMap map, IReadOnlyCollection<long>? parkIds)
    {
        var parksChanged = parkIds is not null && !parkIds.ToHashSet().SetEquals(existing.ParkIds);
        if (existing.Map.Equals(map) && !parksChanged)
        {
            return new ChainSaveResult(SaveOutcome.Unchanged, map.Code, existing.Id, existing.Version, map.Nodes.Count, map.Edges.Count, []);
        }

        var newCodes = map.Nodes.Select(n => n.Code).ToHashSet(StringComparer.Ordinal);
        var removed = existing.Map.Nodes.Where(n => !newCodes.Contains(n.Code)).Select(n => n.Code).ToList();
        if (removed.Count > 0)
        {
            // A node that enterprises are mapped to cannot silently disappear: the mappings would be lost. New tables
            // that point at chain nodes add their count to Sql.NodeReferences.
            var inUse = (await session.QueryAsync<NodeReference>(Sql.NodeReferences, new { ChainId = existing.Id }))
                .Where(r => removed.Contains(r.Code, StringComparer.Ordinal))
                .Select(r => new FieldProblem(r.Code, ChainImportKeys.NodeInUse, r.Code, r.Enterprises))
                .ToArray();
            if (inUse.Length > 0)
            {
                return ChainSaveResult.Failed(SaveOutcome.Rejected, inUse);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var updated = await session.ExecuteAsync(Sql.UpdateChain, new
        {
            existing.Id,
            map.Name,
            map.NameEn,
            map.Description,
            Now = now,
            existing.Version,
        });
        if (updated == 0)
        {
            return ChainSaveResult.Failed(SaveOutcome.Conflict);
        }

        var ids = (await session.QueryAsync<NodeId>(Sql.NodeIds, new { ChainId = existing.Id }))
            .ToDictionary(n => n.Code, n => n.Id, StringComparer.Ordinal);
        await session.ExecuteAsync(Sql.DeleteEdges, new { ChainId = existing.Id });
        await session.ExecuteAsync(Sql.ClearParents, new { ChainId = existing.Id });
        foreach (var code in removed)
        {
            await session.ExecuteAsync(Sql.DeleteNode, new { Id = ids[code] });
            ids.Remove(code);
        }

        await WriteNodesAndEdgesAsync(session, existing.Id, map, ids);
        if (parkIds is not null)
        {
            await SetParksAsync(session, existing.Id, parkIds);
        }

        await audit.WriteAsync(session, "Chain", existing.Id, "update", Changes(existing, map, parksChanged ? parkIds : null));
        return new ChainSaveResult(SaveOutcome.Updated, map.Code, existing.Id, existing.Version + 1, map.Nodes.Count, map.Edges.Count, []);
    }

    /// <summary>Updates the nodes in <paramref name="ids"/>, inserts the others, then sets parents and inserts the edges.</summary>
    private static async Task WriteNodesAndEdgesAsync(DbSession session, long chainId, ChainMap map, Dictionary<string, long> ids)
    {
        for (var i = 0; i < map.Nodes.Count; i++)
        {
            var node = map.Nodes[i];
            var row = new
            {
                ChainId = chainId,
                node.Code,
                node.Name,
                node.NameEn,
                node.Segment,
                IndustryCodes = node.IndustryCodes.Count == 0 ? null : string.Join(';', node.IndustryCodes),
                IsKey = node.Key,
                node.Description,
                SortOrder = i,
                Id = ids.GetValueOrDefault(node.Code),
            };
            if (ids.ContainsKey(node.Code))
            {
                await session.ExecuteAsync(Sql.UpdateNode, row);
            }
            else
            {
                ids[node.Code] = await session.InsertAsync(Sql.InsertNode, row);
            }
        }

        foreach (var node in map.Nodes.Where(n => n.Parent is not null))
        {
            await session.ExecuteAsync(Sql.SetParent, new { Id = ids[node.Code], ParentId = ids[node.Parent!] });
        }

        foreach (var edge in map.Edges)
        {
            await session.ExecuteAsync(Sql.InsertEdge, new { ChainId = chainId, FromNodeId = ids[edge.From], ToNodeId = ids[edge.To], edge.Weight });
        }
    }

    private static async Task SetParksAsync(DbSession session, long chainId, IReadOnlyCollection<long> parkIds)
    {
        await session.ExecuteAsync(Sql.DeleteParkLinks, new { ChainId = chainId });
        foreach (var parkId in parkIds.Distinct())
        {
            await session.ExecuteAsync(Sql.InsertParkLink, new { ParkId = parkId, ChainId = chainId });
        }
    }

    private static object Changes(StoredChain before, ChainMap after, IReadOnlyCollection<long>? parks)
    {
        var old = before.Map.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var header = AuditLog.Diff(
            new Dictionary<string, object?> { ["Name"] = before.Map.Name, ["NameEn"] = before.Map.NameEn, ["Description"] = before.Map.Description },
            new Dictionary<string, object?> { ["Name"] = after.Name, ["NameEn"] = after.NameEn, ["Description"] = after.Description });
        return new
        {
            Chain = header.Count == 0 ? null : header,
            NodesAdded = after.Nodes.Where(n => !old.ContainsKey(n.Code)).Select(n => n.Code).ToList(),
            NodesRemoved = before.Map.Nodes.Select(n => n.Code).Except(after.Nodes.Select(n => n.Code)).ToList(),
            NodesChanged = after.Nodes.Where(n => old.TryGetValue(n.Code, out var o) && !o.Equals(n)).Select(n => n.Code).ToList(),
            Edges = before.Map.Edges.SequenceEqual(after.Edges) ? null : new[] { before.Map.Edges.Count, after.Edges.Count },
            Parks = parks,
        };
    }

    /// <summary>Trimmed texts and empty optional values as null, as <see cref="ChainMapJson.Parse"/> gives them, so an
    /// edit typed on a page compares equal to the same content imported from a file.</summary>
    public static ChainMap Normalize(ChainMap map) => new(
        map.Code.Trim(),
        map.Name.Trim(),
        Optional(map.NameEn),
        Optional(map.Description),
        map.Nodes.Select(n => new ChainNodeSpec(
            n.Code.Trim(),
            n.Name.Trim(),
            Optional(n.NameEn),
            n.Segment.Trim(),
            Optional(n.Parent),
            n.IndustryCodes.Select(c => c.Trim()).ToList(),
            n.Key,
            Optional(n.Description))).ToList(),
        map.Edges.Select(e => new ChainEdgeSpec(e.From.Trim(), e.To.Trim(), e.Weight is { } w ? Trim(w) : null)).ToList());

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<string> SplitCodes(string? codes) =>
        string.IsNullOrEmpty(codes) ? [] : codes.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // decimal(9, 6) reads back as 0.300000: drop the trailing zeros so an export looks like what was imported.
    /// <summary>A stored chain's nodes in their order, each with its parent's code: what the editor and the gap
    /// analysis both start from.</summary>
    internal static Task<IReadOnlyList<NodeRow>> NodesAsync(DbSession session, long chainId) =>
        session.QueryAsync<NodeRow>(Sql.Nodes, new { ChainId = chainId });

    /// <summary>A stored chain's supply edges by node code, in the order they were written.</summary>
    internal static Task<IReadOnlyList<EdgeRow>> EdgesAsync(DbSession session, long chainId) =>
        session.QueryAsync<EdgeRow>(Sql.Edges, new { ChainId = chainId });

    private static decimal Trim(decimal value) => value / 1.000000000000000000000000000000000m;

    private sealed class ChainRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? NameEn { get; set; }
        public string? Description { get; set; }
        public int Version { get; set; }
        public DateTime UpdatedAtUtc { get; set; }
    }

    internal sealed class NodeRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string? NameEn { get; set; }
        public string Segment { get; set; } = "";
        public string? ParentCode { get; set; }
        public string? IndustryCodes { get; set; }
        public bool IsKey { get; set; }
        public string? Description { get; set; }
    }

    internal sealed class EdgeRow
    {
        public string FromCode { get; set; } = "";
        public string ToCode { get; set; } = "";
        public decimal? Weight { get; set; }
    }

    private sealed record NodeId(long Id, string Code);

    private sealed class NodeReference
    {
        public string Code { get; set; } = "";
        public int Enterprises { get; set; }
    }

    internal static class Sql
    {
        public const string ChainByCode =
            "SELECT Id, Code, Name, NameEn, Description, Version, UpdatedAtUtc FROM Chains WHERE Code = @Code";

        public const string Nodes = """
            SELECT n.Id, n.Code, n.Name, n.NameEn, n.Segment, p.Code AS ParentCode, n.IndustryCodes, n.IsKey, n.Description
            FROM ChainNodes n
            LEFT JOIN ChainNodes p ON p.Id = n.ParentId
            WHERE n.ChainId = @ChainId
            ORDER BY n.SortOrder, n.Id
            """;

        public const string Edges = """
            SELECT f.Code AS FromCode, t.Code AS ToCode, e.Weight
            FROM ChainEdges e
            JOIN ChainNodes f ON f.Id = e.FromNodeId
            JOIN ChainNodes t ON t.Id = e.ToNodeId
            WHERE e.ChainId = @ChainId
            ORDER BY e.Id
            """;

        public const string ParkIds = "SELECT ParkId FROM ParkChains WHERE ChainId = @ChainId ORDER BY ParkId";

        public const string NodeIds = "SELECT Id, Code FROM ChainNodes WHERE ChainId = @ChainId";

        public const string NodeReferences = """
            SELECT n.Code, COUNT(*) AS Enterprises
            FROM EnterpriseNodes en
            JOIN ChainNodes n ON n.Id = en.NodeId
            WHERE n.ChainId = @ChainId
            GROUP BY n.Code
            """;

        public const string InsertChain = """
            INSERT INTO Chains (Code, Name, NameEn, Description, Version, CreatedAtUtc, UpdatedAtUtc)
            VALUES (@Code, @Name, @NameEn, @Description, 1, @Now, @Now)
            """;

        public const string UpdateChain = """
            UPDATE Chains
            SET Name = @Name, NameEn = @NameEn, Description = @Description, Version = Version + 1, UpdatedAtUtc = @Now
            WHERE Id = @Id AND Version = @Version
            """;

        public const string InsertNode = """
            INSERT INTO ChainNodes (ChainId, Code, Name, NameEn, Segment, ParentId, IndustryCodes, IsKey, Description, SortOrder)
            VALUES (@ChainId, @Code, @Name, @NameEn, @Segment, NULL, @IndustryCodes, @IsKey, @Description, @SortOrder)
            """;

        public const string UpdateNode = """
            UPDATE ChainNodes
            SET Name = @Name, NameEn = @NameEn, Segment = @Segment, IndustryCodes = @IndustryCodes, IsKey = @IsKey,
                Description = @Description, SortOrder = @SortOrder
            WHERE Id = @Id
            """;

        public const string SetParent = "UPDATE ChainNodes SET ParentId = @ParentId WHERE Id = @Id";

        public const string ClearParents = "UPDATE ChainNodes SET ParentId = NULL WHERE ChainId = @ChainId";

        public const string DeleteNode = "DELETE FROM ChainNodes WHERE Id = @Id";

        public const string DeleteEdges = "DELETE FROM ChainEdges WHERE ChainId = @ChainId";

        public const string InsertEdge = """
            INSERT INTO ChainEdges (ChainId, FromNodeId, ToNodeId, Weight)
            VALUES (@ChainId, @FromNodeId, @ToNodeId, @Weight)
            """;

        public const string DeleteParkLinks = "DELETE FROM ParkChains WHERE ChainId = @ChainId";

        public const string InsertParkLink = "INSERT INTO ParkChains (ParkId, ChainId) VALUES (@ParkId, @ChainId)";
    }
}
