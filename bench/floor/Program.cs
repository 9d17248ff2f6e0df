using System.Reflection;
using Dapper;
using InvestmentCrm.Bench.Floor;
using Microsoft.Data.Sqlite;

// The benchmarks' floor: what a page's SQL costs over HTTP with nothing else around it — no Razor, identity,
// antiforgery, localization or middleware, just routing, Dapper and JSON. It runs the app's own statements, read
// from its compiled assembly (the nested `Sql` classes), on the same SQLite file, so "app beside floor" compares
// like with like. Started by bench/lib.sh (bench_start_floor) on 127.0.0.1 only; not part of InvestmentCrm.sln.
//
//   GET /sql?q=Features.Chains.DetailsModel.Figures&q=Features.Chains.DetailsModel.Parks&ChainId=12
//
// Each q names a statement as Namespace-under-InvestmentCrm.Web . Type . Constant (the type's nested Sql class is
// implied); every other query-string value is a parameter (integers as integers, an empty value as NULL), and
// `orderby` fills the statement's ORDER BY placeholder as the page's sort whitelist would. The answer is every
// statement's rows as JSON.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var appAssembly = Assembly.LoadFrom(builder.Configuration["Floor:AppAssembly"]
    ?? throw new InvalidOperationException("Set Floor:AppAssembly to the app's InvestmentCrm.Web.dll."));
var connectionString = new SqliteConnectionStringBuilder(builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("Set ConnectionStrings:Default to the benchmark's SQLite file."))
{
    // As the app opens it (SqliteDialect.NormalizeConnectionString).
    ForeignKeys = true,
    DefaultTimeout = 30,
}.ToString();
var statements = new Statements(appAssembly);

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapGet("/sql", async (HttpRequest request, CancellationToken ct) =>
{
    var names = request.Query["q"];
    if (names.Count == 0)
    {
        return Results.BadRequest("name at least one statement: ?q=Features.Chains.DetailsModel.Figures");
    }

    var parameters = new DynamicParameters();
    foreach (var (key, values) in request.Query)
    {
        if (key is not ("q" or "orderby"))
        {
            parameters.Add(key, Statements.Parameter(values.ToString()));
        }
    }

    await using var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync(ct);
    var rows = new Dictionary<string, IEnumerable<dynamic>>(StringComparer.Ordinal);
    foreach (var name in names)
    {
        string sql;
        try
        {
            sql = statements.Get(name!, request.Query["orderby"].ToString());
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(ex.Message);
        }

        rows[name!] = await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    return Results.Json(rows);
});
app.Run();
