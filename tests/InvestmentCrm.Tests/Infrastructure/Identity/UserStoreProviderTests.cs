using InvestmentCrm.Tests.Support;
using InvestmentCrm.Web.Infrastructure.Data;
using InvestmentCrm.Web.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging.Abstractions;

namespace InvestmentCrm.Tests.Infrastructure.Identity;

/// <summary>The Dapper Identity stores and the migrator, once per provider.</summary>
public abstract class UserStoreProviderTests(DatabaseProvider provider) : ProviderDatabaseTests(provider)
{
    [ProviderFact]
    public async Task Migrating_again_applies_nothing()
    {
        Assert.Empty(await new Migrator(Db, NullLogger<Migrator>.Instance).MigrateAsync());
    }

    [ProviderFact]
    public async Task A_created_user_is_found_by_id_name_and_email_with_chinese_name_intact()
    {
        using var store = new DapperUserStore(Db, TimeProvider.System);
        var user = NewUser("find@example.cn", "张三丰");

        Assert.True((await store.CreateAsync(user, default)).Succeeded);

        Assert.True(user.Id > 0);
        var byId = await store.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), default);
        var byName = await store.FindByNameAsync("FIND@EXAMPLE.CN", default);
        var byEmail = await store.FindByEmailAsync("FIND@EXAMPLE.CN", default);
        Assert.Equal("张三丰", byId!.DisplayName);
        Assert.Equal(user.Id, byName!.Id);
        Assert.Equal(user.Id, byEmail!.Id);
        Assert.Equal(DateTimeKind.Utc, byId.CreatedAtUtc.Kind);
    }

    [ProviderFact]
    public async Task An_update_with_a_stale_concurrency_stamp_is_refused_and_changes_nothing()
    {
        using var store = new DapperUserStore(Db, TimeProvider.System);
        var user = NewUser("stale@example.cn", "李四");
        await store.CreateAsync(user, default);
        var first = (await store.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), default))!;
        var second = (await store.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), default))!;

        first.DisplayName = "第一次修改";
        Assert.True((await store.UpdateAsync(first, default)).Succeeded);
        second.DisplayName = "第二次修改";
        var result = await store.UpdateAsync(second, default);

        Assert.False(result.Succeeded);
        Assert.Equal(nameof(IdentityErrorDescriber.ConcurrencyFailure), Assert.Single(result.Errors).Code);
        Assert.Equal("第一次修改", (await store.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), default))!.DisplayName);
    }

    [ProviderFact]
    public async Task Roles_are_added_listed_and_removed()
    {
        using var store = new DapperUserStore(Db, TimeProvider.System);
        var user = NewUser("roles@example.cn", "王五");
        await store.CreateAsync(user, default);

        await store.AddToRoleAsync(user, "LEADER", default);
        await store.AddToRoleAsync(user, "LEADER", default);

        Assert.Equal(["Leader"], await store.GetRolesAsync(user, default));
        Assert.True(await store.IsInRoleAsync(user, "LEADER", default));
        Assert.Contains(await store.GetUsersInRoleAsync("LEADER", default), u => u.Id == user.Id);
        await store.RemoveFromRoleAsync(user, "LEADER", default);
        Assert.Empty(await store.GetRolesAsync(user, default));
    }

    [ProviderFact]
    public async Task Lockout_end_round_trips_as_utc()
    {
        using var store = new DapperUserStore(Db, TimeProvider.System);
        var user = NewUser("lock@example.cn", "赵六");
        await store.CreateAsync(user, default);
        var end = new DateTimeOffset(2026, 11, 22, 8, 30, 0, TimeSpan.Zero);

        await store.SetLockoutEndDateAsync(user, end, default);
        await store.UpdateAsync(user, default);

        var reloaded = (await store.FindByIdAsync(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), default))!;
        Assert.Equal(end, await store.GetLockoutEndDateAsync(reloaded, default));
    }

    [ProviderFact]
    public async Task The_three_roles_exist_after_migration()
    {
        using var store = new DapperRoleStore(Db);

        foreach (var role in Roles.All)
        {
            Assert.Equal(role, (await store.FindByNameAsync(role.ToUpperInvariant(), default))!.Name);
        }
    }

    private static AppUser NewUser(string email, string name) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = name,
        SecurityStamp = Guid.NewGuid().ToString(),
    };
}

public sealed class SqliteUserStoreTests() : UserStoreProviderTests(DatabaseProvider.Sqlite);

public sealed class SqlServerUserStoreTests() : UserStoreProviderTests(DatabaseProvider.SqlServer), IRunsOnSqlServer;
