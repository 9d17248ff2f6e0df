using InvestmentCrm.Web.Features.Admin.Users;
using InvestmentCrm.Web.Features.Demo;
using InvestmentCrm.Web.Infrastructure.Audit;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;

namespace InvestmentCrm.Web.Cli;

/// <summary>migrate, create-user, seed-demo.</summary>
public static class SetupCommands
{
    public static async Task<int> MigrateAsync(CliContext cli, string[] args)
    {
        if (args.Length > 0)
        {
            return await cli.FailAsync("Cli.Usage", "migrate");
        }

        var applied = await cli.Get<Migrator>().MigrateAsync();
        await cli.Out.WriteLineAsync(applied.Count == 0
            ? cli.L["Cli.Migrate.UpToDate"]
            : cli.L["Cli.Migrate.Applied", applied.Count, string.Join(", ", applied)]);
        return CommandLine.Ok;
    }

    public static async Task<int> CreateUserAsync(CliContext cli, string[] args)
    {
        const string usage = "create-user EMAIL PASSWORD Admin|Leader|Staff [--team NAME] [--name DISPLAYNAME]";
        var positional = new List<string>();
        string? team = null, name = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--team" when i + 1 < args.Length:
                    team = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        return await cli.FailAsync("Cli.Usage", usage);
                    }

                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count != 3)
        {
            return await cli.FailAsync("Cli.Usage", usage);
        }

        using var scope = cli.AuditedScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateAsync(positional[0], name, positional[1], positional[2], team);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await cli.Error.WriteLineAsync(error);
            }

            return CommandLine.BadInput;
        }

        await cli.Out.WriteLineAsync(cli.L["Cli.CreateUser.Done", result.User!.Email, Roles.Parse(positional[2])!]);
        return CommandLine.Ok;
    }

    public static async Task<int> SeedDemoAsync(CliContext cli, string[] args)
    {
        if (args.Length > 0)
        {
            return await cli.FailAsync("Cli.Usage", "seed-demo");
        }

        var s = await cli.Get<DemoSeeder>().SeedAsync();
        await cli.Out.WriteLineAsync(cli.L["Cli.SeedDemo.Done", s.Users, s.Parks, s.Chains, s.Enterprises, s.Projects, s.FollowUps, s.LandRecords, s.Matters]);
        return CommandLine.Ok;
    }
}
