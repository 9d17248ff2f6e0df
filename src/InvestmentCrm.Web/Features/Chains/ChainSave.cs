using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>How a save treats a chain that already exists (or does not).</summary>
public enum ChainSaveMode
{
    /// <summary>File import: create the chain, or update the one with the same code.</summary>
    Upsert,

    /// <summary>"New chain": a chain with this code must not exist yet.</summary>
    Create,

    /// <summary>An editor page: the chain must exist and still be at the version the page showed.</summary>
    Update,
}

/// <param name="ParkIds">The parks to link the chain to; null leaves the links as they are.</param>
/// <param name="Leaders">The chain's chief and leading enterprises; null leaves them as they are (a map file has none).</param>
public sealed record ChainSaveRequest(ChainMap Map, ChainSaveMode Mode = ChainSaveMode.Upsert, int? ExpectedVersion = null, IReadOnlyCollection<long>? ParkIds = null,
    ChainLeaders? Leaders = null);

public sealed record ChainSaveResult(SaveOutcome Outcome, string Code, long ChainId, int Version, int Nodes, int Edges, IReadOnlyList<FieldProblem> Problems)
{
    public bool Succeeded => Outcome.Succeeded();

    public static ChainSaveResult Failed(SaveOutcome outcome, params FieldProblem[] problems) => new(outcome, "", 0, 0, 0, 0, problems);
}

/// <summary>A chain as stored: its map (in the interchange format), its row version and the parks it is linked to.</summary>
public sealed record StoredChain(long Id, int Version, ChainMap Map, IReadOnlyList<long> ParkIds, DateTime UpdatedAtUtc);

/// <summary>Problems only the database can find (the map itself is fine); messages in Resources/Chains.*.json.</summary>
public static class ChainImportKeys
{
    public const string CodeTaken = "Chains.Error.CodeTaken";
    public const string NodeInUse = "Chains.Error.NodeInUse";
}
