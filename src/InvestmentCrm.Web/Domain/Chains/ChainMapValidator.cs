// Messages for every chain-map problem key (zh-CN | en); {0}, {1} are FieldProblem.Args in order. The same texts are
// in strings.json for the resource files. FieldProblem.Field is shown beside the message: "$" (the whole file), "code",
// "name", "nameEn", "nodes[3]" (0-based, as in the file), "nodes[3].key", "edges[2]", or an edge "HANG→APPAREL".
//
// Reading the JSON (ChainMapJson.Parse):
//   Chain.Error.InvalidJson        不是有效的 JSON（第 {0} 行第 {1} 列附近）
//                                  Not valid JSON (near line {0}, column {1})
//   Chain.Error.ExpectedObject     应为 JSON 对象
//                                  Must be a JSON object
//   Chain.Error.ExpectedArray      应为 JSON 数组
//                                  Must be a JSON array
//   Chain.Error.ExpectedString     应为文本（带双引号的字符串）
//                                  Must be text (a string in double quotes)
//   Chain.Error.ExpectedNumber     应为数字
//                                  Must be a number
//   Chain.Error.ExpectedBoolean    应为 true 或 false
//                                  Must be true or false
//   Chain.Error.UnknownProperty    无法识别的字段“{0}”（字段名区分大小写）
//                                  Unknown field "{0}" (field names are case-sensitive)
//   Chain.Error.DuplicateProperty  字段“{0}”出现了两次
//                                  Field "{0}" appears twice
//
// Checking the chain (ChainMapValidator.Validate):
//   Chain.Error.CodeRequired       请填写代码
//                                  Code is required
//   Chain.Error.BadCode            代码“{0}”无效：去掉首尾空格后，须为 1–32 位大写字母、数字、下划线或连字符，并以字母或数字开头
//                                  Code "{0}" is invalid: after trimming spaces it must be 1–32 capital letters, digits, _ or -, starting with a letter or digit
//   Chain.Error.NameRequired       请填写名称
//                                  Name is required
//   Chain.Error.NameTooLong        名称不能超过 {0} 个字符（现为 {1} 个）
//                                  Name must be at most {0} characters (it has {1})
//   Chain.Error.NameEnTooLong      英文名称不能超过 {0} 个字符（现为 {1} 个）
//                                  English name must be at most {0} characters (it has {1})
//   Chain.Error.DescriptionTooLong 说明不能超过 {0} 个字符（现为 {1} 个）
//                                  Description must be at most {0} characters (it has {1})
//   Chain.Error.BadSegment         节点“{0}”的环节“{1}”无效，须为 upstream（上游）、midstream（中游）、downstream（下游）或 support（配套）
//                                  Segment "{1}" of node "{0}" is invalid: use upstream, midstream, downstream or support
//   Chain.Error.DuplicateNodeCode  节点代码“{0}”重复（首次出现在 {1}）
//                                  Node code "{0}" is used twice (first at {1})
//   Chain.Error.ParentNotFound     节点“{0}”的上级节点“{1}”不在本产业链中
//                                  Parent "{1}" of node "{0}" is not a node of this chain
//   Chain.Error.ParentCycle        上级关系构成循环：{0}（节点不能是自己的上级）
//                                  Parent links form a loop: {0} (a node cannot be its own ancestor)
//   Chain.Error.BadIndustryCode    节点“{0}”的行业代码“{1}”不符合 GB/T 4754-2017（如 3553 或 C3553）
//                                  Industry code "{1}" of node "{0}" does not follow GB/T 4754-2017 (e.g. 3553 or C3553)
//   Chain.Error.EdgeEndRequired    供应关系须同时填写起点（from）和终点（to）节点
//                                  A supply edge needs both a from and a to node
//   Chain.Error.EdgeNodeNotFound   供应关系引用的节点“{0}”不在本产业链中
//                                  The supply edge refers to "{0}", which is not a node of this chain
//   Chain.Error.EdgeSelfLoop       节点“{0}”不能供应自身
//                                  Node "{0}" cannot supply itself
//   Chain.Error.DuplicateEdge      供应关系 {0} → {1} 重复
//                                  Supply edge {0} → {1} is listed twice
//   Chain.Error.BadEdgeWeight      权重 {0} 无效：须大于 0 且不超过 1
//                                  Weight {0} is invalid: it must be greater than 0 and at most 1

using System.Text.RegularExpressions;

namespace InvestmentCrm.Web.Domain.Chains;

/// <summary>The localization keys of <see cref="FieldProblem"/>; messages are listed at the top of this file.</summary>
public static class ChainProblemKeys
{
    public const string InvalidJson = "Chain.Error.InvalidJson";
    public const string ExpectedObject = "Chain.Error.ExpectedObject";
    public const string ExpectedArray = "Chain.Error.ExpectedArray";
    public const string ExpectedString = "Chain.Error.ExpectedString";
    public const string ExpectedNumber = "Chain.Error.ExpectedNumber";
    public const string ExpectedBoolean = "Chain.Error.ExpectedBoolean";
    public const string UnknownProperty = "Chain.Error.UnknownProperty";
    public const string DuplicateProperty = "Chain.Error.DuplicateProperty";

    public const string CodeRequired = "Chain.Error.CodeRequired";
    public const string BadCode = "Chain.Error.BadCode";
    public const string ReservedCode = "Chain.Error.ReservedCode";
    public const string NameRequired = "Chain.Error.NameRequired";
    public const string NameTooLong = "Chain.Error.NameTooLong";
    public const string NameEnTooLong = "Chain.Error.NameEnTooLong";
    public const string DescriptionTooLong = "Chain.Error.DescriptionTooLong";
    public const string BadSegment = "Chain.Error.BadSegment";
    public const string DuplicateNodeCode = "Chain.Error.DuplicateNodeCode";
    public const string ParentNotFound = "Chain.Error.ParentNotFound";
    public const string ParentCycle = "Chain.Error.ParentCycle";
    public const string BadIndustryCode = "Chain.Error.BadIndustryCode";
    public const string EdgeEndRequired = "Chain.Error.EdgeEndRequired";
    public const string EdgeNodeNotFound = "Chain.Error.EdgeNodeNotFound";
    public const string EdgeSelfLoop = "Chain.Error.EdgeSelfLoop";
    public const string DuplicateEdge = "Chain.Error.DuplicateEdge";
    public const string BadEdgeWeight = "Chain.Error.BadEdgeWeight";
}

/// <summary>
/// The rules of a chain map, checked all at once so that an upload reports everything wrong in one go.
/// Codes are compared after trimming, as <see cref="ChainMapJson.Parse"/> stores them. Supply edges may form
/// cycles (recycling feeds raw materials back); only the parent tree must not. A child usually shares its
/// parent's segment, but a chain may place a sub-link elsewhere on purpose, so that is not checked.
/// </summary>
public static partial class ChainMapValidator
{
    public const int MaxNameLength = 100;

    /// <summary>The Description columns' size (nvarchar(2000) on SQL Server, which would refuse a longer text).</summary>
    public const int MaxDescriptionLength = 2000;

    public static IReadOnlyList<FieldProblem> Validate(ChainMap map)
    {
        var problems = new List<FieldProblem>();
        if (CheckCode(map.Code, "code", problems) && ReservedChainCodes.Contains(map.Code.Trim()))
        {
            problems.Add(new FieldProblem("code", ChainProblemKeys.ReservedCode, map.Code.Trim()));
        }
        CheckNames(map.Name, map.NameEn, "name", "nameEn", problems);
        CheckDescription(map.Description, "description", problems);

        // Code → index of its first node; later duplicates are reported and otherwise ignored.
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < map.Nodes.Count; i++)
        {
            var node = map.Nodes[i];
            var where = NodeWhere(i);
            var code = node.Code.Trim();
            if (CheckCode(code, where, problems) && !firstIndex.TryAdd(code, i))
                problems.Add(new FieldProblem(where, ChainProblemKeys.DuplicateNodeCode, code, NodeWhere(firstIndex[code])));
            CheckNames(node.Name, node.NameEn, where, where, problems);
            CheckDescription(node.Description, where, problems);
            if (!Segments.All.Contains(node.Segment.Trim()))
                problems.Add(new FieldProblem(where, ChainProblemKeys.BadSegment, code, node.Segment));
            foreach (var industryCode in node.IndustryCodes)
                if (!IndustryCodePattern().IsMatch(industryCode.Trim()))
                    problems.Add(new FieldProblem(where, ChainProblemKeys.BadIndustryCode, code, industryCode));
        }

        CheckParents(map.Nodes, firstIndex, problems);
        CheckEdges(map.Edges, firstIndex, problems);
        return problems;
    }

    // Chain pages live at /chains/{code}; these codes would be hidden behind /chains/create and /chains/import.
    private static readonly HashSet<string> ReservedChainCodes = new(["CREATE", "IMPORT", "EXPORT"], StringComparer.OrdinalIgnoreCase);

    private static string NodeWhere(int index) => $"nodes[{index}]";

    private static bool CheckCode(string code, string where, List<FieldProblem> problems)
    {
        var trimmed = code.Trim();
        if (trimmed.Length == 0)
        {
            problems.Add(new FieldProblem(where, ChainProblemKeys.CodeRequired));
            return false;
        }
        if (!CodePattern().IsMatch(trimmed))
        {
            problems.Add(new FieldProblem(where, ChainProblemKeys.BadCode, trimmed));
            return false;
        }
        return true;
    }

    private static void CheckNames(string name, string? nameEn, string where, string whereEn, List<FieldProblem> problems)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0)
            problems.Add(new FieldProblem(where, ChainProblemKeys.NameRequired));
        else if (trimmed.Length > MaxNameLength)
            problems.Add(new FieldProblem(where, ChainProblemKeys.NameTooLong, MaxNameLength, trimmed.Length));
        if (nameEn?.Trim() is { Length: > MaxNameLength } en)
            problems.Add(new FieldProblem(whereEn, ChainProblemKeys.NameEnTooLong, MaxNameLength, en.Length));
    }

    private static void CheckDescription(string? description, string where, List<FieldProblem> problems)
    {
        if (description?.Trim() is { Length: > MaxDescriptionLength } text)
            problems.Add(new FieldProblem(where, ChainProblemKeys.DescriptionTooLong, MaxDescriptionLength, text.Length));
    }

    private static void CheckParents(IReadOnlyList<ChainNodeSpec> nodes, Dictionary<string, int> firstIndex, List<FieldProblem> problems)
    {
        // parentOf[i] is the index of node i's parent, or -1 at the top (or when the parent is unknown).
        var parentOf = new int[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            parentOf[i] = -1;
            var parent = nodes[i].Parent?.Trim();
            if (string.IsNullOrEmpty(parent)) continue;
            if (firstIndex.TryGetValue(parent, out var p)) parentOf[i] = p;
            else problems.Add(new FieldProblem(NodeWhere(i), ChainProblemKeys.ParentNotFound, nodes[i].Code.Trim(), parent));
        }

        // Follow each node's parents; a walk that meets a node of its own walk has found a loop. Each loop is
        // reported once, at its first node in file order.
        var state = new byte[nodes.Count]; // 0 unvisited, 1 on the current walk, 2 done
        for (var start = 0; start < nodes.Count; start++)
        {
            var walk = new List<int>();
            var i = start;
            while (i >= 0 && state[i] == 0)
            {
                state[i] = 1;
                walk.Add(i);
                i = parentOf[i];
            }
            if (i >= 0 && state[i] == 1)
            {
                var loop = walk.Skip(walk.IndexOf(i)).ToList();
                var first = loop.Min();
                var from = loop.IndexOf(first);
                var ordered = loop.Skip(from).Concat(loop.Take(from)).Append(first).Select(n => nodes[n].Code.Trim());
                problems.Add(new FieldProblem(NodeWhere(first), ChainProblemKeys.ParentCycle, string.Join(" → ", ordered)));
            }
            foreach (var n in walk) state[n] = 2;
        }
    }

    private static void CheckEdges(IReadOnlyList<ChainEdgeSpec> edges, Dictionary<string, int> firstIndex, List<FieldProblem> problems)
    {
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < edges.Count; i++)
        {
            var edge = edges[i];
            var from = edge.From.Trim();
            var to = edge.To.Trim();
            if (from.Length == 0 || to.Length == 0)
            {
                problems.Add(new FieldProblem($"edges[{i}]", ChainProblemKeys.EdgeEndRequired));
                continue;
            }
            var where = $"{from}→{to}";
            if (!firstIndex.ContainsKey(from)) problems.Add(new FieldProblem(where, ChainProblemKeys.EdgeNodeNotFound, from));
            if (!firstIndex.ContainsKey(to)) problems.Add(new FieldProblem(where, ChainProblemKeys.EdgeNodeNotFound, to));
            if (from == to) problems.Add(new FieldProblem(where, ChainProblemKeys.EdgeSelfLoop, from));
            else if (!seen.Add((from, to))) problems.Add(new FieldProblem(where, ChainProblemKeys.DuplicateEdge, from, to));
            if (edge.Weight is { } weight && (weight <= 0 || weight > 1))
                problems.Add(new FieldProblem(where, ChainProblemKeys.BadEdgeWeight, weight));
        }
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    // GB/T 4754-2017: an optional section letter A–T, then a division (2 digits), group (3) or class (4).
    [GeneratedRegex("^[A-T]?[0-9]{2,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex IndustryCodePattern();
}
