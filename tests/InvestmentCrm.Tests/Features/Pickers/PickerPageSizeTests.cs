using System.Text;
using InvestmentCrm.Tests.Support;

namespace InvestmentCrm.Tests.Features.Pickers;

/// <summary>A 10,000-node chain and 100,000 enterprises, seeded once by seed-bulk.</summary>
public sealed class HugeRegistryApp() : BulkSeededApp("--chain-nodes", "10000", "--enterprises", "100000", "--projects", "200");

/// <summary>
/// Before the pickers, a 10,000-node chain made /enterprises/create 8.3 MB and /projects 1.3 MB, and 100,000
/// enterprises made the project form 8.24 MB with 100,020 options. Every page that offers nodes or enterprises now
/// stays small whatever the registry holds, and its pickers still find what they must.
/// </summary>
public sealed class PickerPageSizeTests(HugeRegistryApp app) : IClassFixture<HugeRegistryApp>
{
    private const int MaxBytes = 150_000;
    private const int MaxOptions = 200;

    public static TheoryData<string> Pages() =>
    [
        "/enterprises/create", "/enterprises", "/enterprises?node=BULK", "/projects", "/projects/board", "/projects/create",
        "/projects/create?enterpriseId=1&nodes=SEW:HANG",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_with_pickers_stays_small_with_a_10000_node_chain_and_100000_enterprises(string url)
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var response = await admin.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestBrowser.ParseAsync(html, new Uri("http://localhost" + url));

        Assert.True(response.IsSuccessStatusCode, $"{url}: {response.StatusCode}");
        Assert.True(Encoding.UTF8.GetByteCount(html) < MaxBytes, $"{url}: {Encoding.UTF8.GetByteCount(html):N0} bytes");
        Assert.True(page.QuerySelectorAll("option").Length < MaxOptions, $"{url}: {page.QuerySelectorAll("option").Length} options");
        Assert.True(page.QuerySelectorAll("input[type=checkbox]").Length < MaxOptions, $"{url}: {page.QuerySelectorAll("input[type=checkbox]").Length} boxes");
        Assert.NotEmpty(page.QuerySelectorAll("[data-picker]"));
    }

    [Fact]
    public async Task The_edit_form_of_an_enterprise_on_the_big_chain_shows_its_nodes_by_name_and_stays_small()
    {
        var id = await app.Db.ExecuteScalarAsync<long>("""
            SELECT MIN(en.EnterpriseId) FROM EnterpriseNodes en JOIN ChainNodes n ON n.Id = en.NodeId JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'BULK'
            """);
        using var admin = await app.SignedInAsync("admin@demo.local");
        var response = await admin.GetAsync($"/enterprises/{id}/edit");
        var html = await response.Content.ReadAsStringAsync();
        var page = await TestBrowser.ParseAsync(html, new Uri($"http://localhost/enterprises/{id}/edit"));

        Assert.True(Encoding.UTF8.GetByteCount(html) < MaxBytes, $"{Encoding.UTF8.GetByteCount(html):N0} bytes");
        var chosen = page.QuerySelectorAll("input[name='Form.NodeIds'][checked]").Select(i => i.GetAttribute("data-node")!).ToList();
        Assert.Contains(chosen, r => r.StartsWith("BULK:", StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("[data-testid=node-choices] label[for]"), l => Assert.False(string.IsNullOrWhiteSpace(l.TextContent)));
    }

    [Fact]
    public async Task The_pickers_search_the_whole_chain_and_registry_a_page_at_a_time()
    {
        using var admin = await app.SignedInAsync("admin@demo.local");
        var lastNode = await app.Db.ExecuteScalarAsync<string>(
            "SELECT n.Code FROM ChainNodes n JOIN Chains c ON c.Id = n.ChainId WHERE c.Code = 'BULK' ORDER BY n.Id DESC LIMIT 1");
        var nodes = await (await admin.GetAsync("/api/pickers/nodes?q=BULK:" + lastNode)).Content.ReadAsStringAsync();
        Assert.Contains("\"BULK:" + lastNode + "\"", nodes);

        var (name, uscc) = await app.Db.QuerySingleOrDefaultAsync<(string, string)>("SELECT Name, Uscc FROM Enterprises ORDER BY Id DESC LIMIT 1");
        var enterprises = await (await admin.GetAsync("/api/pickers/enterprises?q=" + Uri.EscapeDataString(name[2..8]))).Content.ReadAsStringAsync();
        Assert.Contains(uscc, enterprises);
        Assert.True(Encoding.UTF8.GetByteCount(enterprises) < 10_000);
    }
}
