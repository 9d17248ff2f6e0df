using System.Globalization;
using System.Text;
using InvestmentCrm.Web.Domain;
using InvestmentCrm.Web.Features.Enterprises;
using InvestmentCrm.Web.Domain.Chains;

namespace InvestmentCrm.Web.Features.Demo;

/// <summary>
/// Plausible enterprises for benchmarks (<c>seed-bulk --enterprises N</c>): Chinese names from a few thousand
/// combinations, valid USCCs of real administrative divisions, revenue spread over four orders of magnitude, the
/// usual share of qualifications, one to three chain nodes drawn from every chain in the database.
/// </summary>
public static class SyntheticEnterprises
{
    /// <summary>Where the bulk seeders' random numbers start (plus how many rows are there already).</summary>
    public const int Seed = 20_261_205;

    private static readonly (string Province, string City, string? District, string Division, string Short, string AreaCode)[] Regions =
    [
        ("浙江省", "台州市", "椒江区", "331002", "台州", "0576"),
        ("浙江省", "台州市", "黄岩区", "331003", "黄岩", "0576"),
        ("浙江省", "台州市", "路桥区", "331004", "路桥", "0576"),
        ("浙江省", "台州市", "温岭市", "331081", "温岭", "0576"),
        ("浙江省", "杭州市", "余杭区", "330110", "杭州", "0571"),
        ("浙江省", "宁波市", "鄞州区", "330212", "宁波", "0574"),
        ("浙江省", "温州市", "瓯海区", "330304", "温州", "0577"),
        ("江苏省", "苏州市", "吴江区", "320509", "苏州", "0512"),
        ("江苏省", "无锡市", "江阴市", "320281", "江阴", "0510"),
        ("上海市", "上海市", "松江区", "310117", "上海", "021"),
        ("广东省", "广州市", "番禺区", "440113", "广州", "020"),
        ("广东省", "深圳市", "宝安区", "440306", "深圳", "0755"),
        ("广东省", "东莞市", null, "441900", "东莞", "0769"),
        ("山东省", "青岛市", "黄岛区", "370211", "青岛", "0532"),
        ("福建省", "泉州市", "晋江市", "350582", "晋江", "0595"),
        ("安徽省", "合肥市", "蜀山区", "340104", "合肥", "0551"),
    ];

    private const string Syllables = "恒达华鑫信瑞泰通宏盛捷联科德诚嘉锦凯明新远博创源精美丰金立海天宇晨星润和佳中东";

    private static readonly (string Trade, string IndustryCode, string Products)[] Trades =
    [
        ("智能科技", "3553", "智能吊挂系统;服装智能物流"),
        ("缝制设备", "3553", "工业平缝机;包缝机"),
        ("精密机械", "3484", "精密零部件;数控加工件"),
        ("电机", "3812", "伺服电机;步进电机"),
        ("电子", "3974", "控制板;传感器"),
        ("自动化设备", "3491", "工业机器人;自动化产线"),
        ("新材料", "2929", "工程塑料;复合材料"),
        ("服饰", "1810", "针织服装;工装"),
        ("物流科技", "5990", "仓储系统;输送线"),
        ("模具", "3525", "注塑模具;冲压模具"),
        ("铸造", "3391", "铸铁件;铝合金压铸件"),
        ("伺服电控", "3819", "伺服驱动器;电控箱"),
        ("五金", "3489", "紧固件;五金配件"),
        ("软件", "6513", "MES 系统;工业软件"),
        ("针织机械", "3551", "电脑横机;圆纬机"),
        ("纺织", "1713", "面料;纱线"),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] GivenNames = ["建国", "晓燕", "海波", "丽华", "志强", "伟", "敏", "静", "磊", "洋", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"];
    private static readonly string[] Titles = ["总经理", "副总经理", "董事长", "销售总监", "市场总监", "办公室主任"];

    /// <summary>A plausible contact person: a name and a job title.</summary>
    public static (string Name, string Title) Person(Random random) =>
        (Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)], Titles[random.Next(Titles.Length)]);

    /// <param name="takenUsccs">Codes already used; new ones are added to it.</param>
    /// <param name="takenNameKeys">Name keys already used; new ones are added, so no synthetic name is a near-duplicate.</param>
    public static IReadOnlyList<EnterpriseFileRow> Generate(
        int count, IReadOnlyList<ChainNodeRef> nodes, ISet<string> takenUsccs, ISet<string> takenNameKeys, Random random)
    {
        var rows = new List<EnterpriseFileRow>(count);
        for (var i = 0; i < count; i++)
        {
            var region = Regions[random.Next(Regions.Length)];
            var trade = Trades[random.Next(Trades.Length)];
            var name = UniqueName(region.Short, trade.Trade, takenNameKeys, random);
            var uscc = UniqueUscc(region.Division, takenUsccs, random);

            // Revenue from 100 万元 to about 3 亿元, log-uniform: many small firms, a few large ones.
            var revenue = Math.Round((decimal)Math.Pow(10, 2 + random.NextDouble() * 3.5), 0);
            var capital = Math.Round(revenue * (decimal)(0.05 + random.NextDouble() * 0.3), 0);
            var employees = (int)Math.Max(5, (double)revenue / (60 + random.Next(90)));
            var qualifications = new List<string>();
            if (random.NextDouble() < 0.30) qualifications.Add("high_tech");
            if (random.NextDouble() < 0.15) qualifications.Add("srdi");
            if (random.NextDouble() < 0.03) qualifications.Add("little_giant");
            if (random.NextDouble() < 0.01) qualifications.Add("single_champion");
            if (random.NextDouble() < 0.05) qualifications.Add("listed");
            var mapped = new List<ChainNodeRef>();
            for (var n = random.Next(1, 4); n > 0 && nodes.Count > 0; n--)
            {
                var node = nodes[random.Next(nodes.Count)];
                if (!mapped.Contains(node)) mapped.Add(node);
            }

            var (contact, title) = Person(random);
            var phone = region.AreaCode + "-" + random.Next(8000_0000, 8999_9999).ToString(CultureInfo.InvariantCulture);
            rows.Add(new EnterpriseFileRow
            {
                Line = i + 2,
                Uscc = uscc,
                Name = name,
                Kind = random.NextDouble() < 0.6 ? "local" : "prospect",
                Province = region.Province,
                City = region.City,
                District = region.District,
                IndustryCode = trade.IndustryCode,
                RegisteredCapitalWan = capital,
                AnnualRevenueWan = revenue,
                Employees = employees,
                Qualifications = qualifications,
                ChainNodes = mapped,
                MainProducts = trade.Products,
                Contact = new EnterpriseContact(contact, title, phone, null),
            });
        }

        return rows;
    }

    private static string UniqueName(string place, string trade, ISet<string> taken, Random random)
    {
        for (var attempt = 0; ; attempt++)
        {
            var brand = new StringBuilder().Append(Syllables[random.Next(Syllables.Length)]).Append(Syllables[random.Next(Syllables.Length)]);
            if (attempt > 5)
            {
                brand.Append(Syllables[random.Next(Syllables.Length)]);
            }

            var name = place + brand + trade + (random.NextDouble() < 0.15 ? "股份有限公司" : "有限公司");
            if (attempt > 20)
            {
                name = place + brand + trade + "有限公司第" + random.Next(1, 1_000_000).ToString(CultureInfo.InvariantCulture) + "分公司";
            }

            if (taken.Add(EnterpriseName.Key(name)))
            {
                return name;
            }
        }
    }

    // 91 = enterprise registered with the market regulator; then the division; nine characters; the check character.
    private static string UniqueUscc(string division, ISet<string> taken, Random random)
    {
        while (true)
        {
            var body = new StringBuilder("91").Append(division);
            for (var i = 0; i < 9; i++)
            {
                body.Append(Uscc.Charset[random.Next(Uscc.Charset.Length)]);
            }

            var code = Uscc.MakeValid(body.ToString());
            if (taken.Add(code))
            {
                return code;
            }
        }
    }
}
