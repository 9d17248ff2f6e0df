using System.Text;
using InvestmentCrm.Web.Domain.Chains;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace InvestmentCrm.Web.Features.Chains;

/// <summary>GET /chains/{code}/export: the chain-map JSON, the same format the import reads, so it round-trips.</summary>
public sealed class ExportModel(ChainMapImporter chains) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var chain = await chains.LoadAsync(code.ToUpperInvariant(), ct);
        return chain is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(ChainMapJson.Write(chain.Map)), "application/json; charset=utf-8", chain.Map.Code + ".json");
    }
}
