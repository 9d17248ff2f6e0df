#!/usr/bin/env bash
# Gap analysis at scale, app beside floor: the 500-node BULK chain with 100,000 enterprises and 20,000 projects
# (seed-demo + seed-bulk --chain-nodes 500 --enterprises 100000 --projects 20000, seeded once and cached: see
# bench/lib.sh). Measures, one request at a time and under 20 connections (wrk):
#   GET /api/chains/BULK/gaps (JSON), /chains/BULK/gaps (page with the diagram), /gaps (all chains), a gap node's
#   page as a staff member (covering projects listed within their scope);
# the floor runs the analysis's own statements on the same file (what one analysis costs in SQL alone). Then the
# first computation after a write: each of COLD_RUNS times, a write to Projects (which every analysis depends on)
# and one request of the JSON, timed — that is the analysis computed from scratch, as every request was before the
# cache.
#   NODES=500 ENTERPRISES=100000 PROJECTS=20000 RUNS=20 DURATION=10s COLD_RUNS=10 bench/gaps-benchmark.sh
. "$(dirname "$0")/lib.sh"

bench_bulk_beside_floor
bench_sign_in staff1@demo.local
staff_lua=$BENCH_WRK_LUA staff_jar=$BENCH_JAR
bench_sign_in admin@demo.local

bulk=$(bench_sql "SELECT Id FROM Chains WHERE Code = 'BULK'")
curl -fs -b "$BENCH_JAR" "$BENCH_APP_URL/api/chains/BULK/gaps" >"$BENCH_WORK/gaps.json"
read -r nodes mappings gaps top <<<"$(python3 -c '
import json, sys
d = json.load(sys.stdin)
gaps = sorted((n for n in d["nodes"] if n["rank"] is not None), key=lambda n: n["rank"])
print(len(d["nodes"]), sum(n["localCount"] for n in d["nodes"]), len(gaps), gaps[0]["code"])' <"$BENCH_WORK/gaps.json")"
echo "   BULK: $nodes nodes, $mappings local mappings, $gaps gaps; $(bench_sql "SELECT COUNT(*) FROM Projects") projects; top gap $top"

# The analysis's statements as GapAnalyser runs them on a miss (the local figures from the per-node totals).
analysis="q=Infrastructure.Data.DataVersions.All&q=Features.Gaps.GapAnalyser.ChainByCode&q=Features.Gaps.GapSettingsStore.Get"
analysis+="&q=Features.Chains.ChainMapImporter.Nodes&q=Features.Chains.ChainMapImporter.Edges&q=Features.Chains.ChainLocalFigures.ByChain"
analysis+="&q=Features.Gaps.GapAnalyser.Pipeline&Code=BULK&ChainId=$bulk&Id=1"

bench_header
bench_compare "/api/chains/BULK/gaps" "$analysis"
bench_compare "/chains/BULK/gaps"
bench_compare "/gaps"
BENCH_WRK_LUA=$staff_lua BENCH_JAR=$staff_jar bench_compare "/chains/BULK/gaps/$top"

bench_after_write "computation" "/api/chains/BULK/gaps"
