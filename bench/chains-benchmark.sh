#!/usr/bin/env bash
# Chain pages at scale, app beside floor: the chain list (/chains), the 500-node BULK chain's page (/chains/BULK:
# map, diagram, local enterprises and output per node) and the demo chain's (/chains/SEW), one request at a time
# and under 20 concurrent connections (wrk). The floor runs each page's own SQL on the same file with nothing
# else (bench/floor). Data: demo + seed-bulk --chain-nodes 500 --enterprises 100000 --projects 20000, seeded
# once and cached (bench/lib.sh says how, and which settings change the runs).
#   NODES=500 ENTERPRISES=100000 PROJECTS=20000 RUNS=20 DURATION=10s bench/chains-benchmark.sh
. "$(dirname "$0")/lib.sh"

bench_bulk_beside_floor
bench_sign_in admin@demo.local

bulk=$(bench_sql "SELECT Id FROM Chains WHERE Code = 'BULK'")
sew=$(bench_sql "SELECT Id FROM Chains WHERE Code = 'SEW'")
echo "   BULK: $(bench_sql "SELECT COUNT(*) FROM ChainNodes WHERE ChainId = $bulk") nodes," \
    "$(bench_sql "SELECT COUNT(*) FROM EnterpriseNodes en JOIN ChainNodes n ON n.Id = en.NodeId JOIN Enterprises e ON e.Id = en.EnterpriseId WHERE n.ChainId = $bulk AND e.Kind = 'local'") local mappings;" \
    "$(bench_sql "SELECT COUNT(*) FROM Enterprises") enterprises, $(bench_sql "SELECT COUNT(*) FROM Enterprises WHERE Kind = 'local'") local"

# The floor's statements, as the pages run them (the local figures from the per-node totals).
list="q=Features.Chains.IndexModel.Count&q=Features.Chains.IndexModel.List&q=Features.Chains.IndexModel.Parks"
list+="&Pattern=&Skip=0&Take=25&orderby=c.Code%20ASC,%20c.Id"
chain="q=Features.Chains.ChainMapImporter.ChainByCode&q=Features.Chains.ChainMapImporter.Nodes"
chain+="&q=Features.Chains.ChainMapImporter.Edges&q=Features.Chains.ChainMapImporter.ParkIds"
chain+="&q=Features.Chains.ChainLocalFigures.ByChain"

bench_header
bench_compare "/chains" "$list"
bench_compare "/chains/BULK" "$chain&q=Features.Chains.DetailsModel.Parks&Code=BULK&ChainId=$bulk"
bench_compare "/chains/SEW" "$chain&q=Features.Chains.DetailsModel.Parks&Code=SEW&ChainId=$sew"
