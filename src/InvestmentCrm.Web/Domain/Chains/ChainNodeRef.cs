using System.Diagnostics.CodeAnalysis;

namespace InvestmentCrm.Web.Domain.Chains;

/// <summary>A chain node as written in the files: <c>CHAINCODE:NODECODE</c>.</summary>
public sealed record ChainNodeRef(string ChainCode, string NodeCode)
{
    public override string ToString() => $"{ChainCode}:{NodeCode}";

    /// <summary>Parses "CHAIN:NODE" (spaces around either part ignored, a full-width ： accepted).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ChainNodeRef? node)
    {
        node = null;
        var parts = (text ?? "").Split([':', '：'], StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || parts.Any(part => part.Any(char.IsWhiteSpace)))
        {
            return false;
        }

        node = new ChainNodeRef(parts[0], parts[1]);
        return true;
    }

    public static ChainNodeRef Parse(string text) =>
        TryParse(text, out var node) ? node : throw new FormatException($"'{text}' is not CHAIN:NODE.");
}
