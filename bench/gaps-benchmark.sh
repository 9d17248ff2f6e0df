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

NODES=${NODES:-500}
ENTERPRISES=${ENTERPRISES:-100000}
PROJECTS=${PROJECTS:-20000}
COLD_RUNS=${COLD_RUNS:-10}

bench_build
bench_build_floor
bench_database "seed-demo" "seed-bulk --chain-nodes $NODES --enterprises $ENTERPRISES --projects $PROJECTS"
bench_start_app
bench_start_floor
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

# The analysis's statements as GapAnalyser runs them on a miss (ChainLocalFigures picks ByEnterprise for BULK).
analysis="q=Infrastructure.Data.DataVersions.All&q=Features.Gaps.GapAnalyser.ChainByCode&q=Features.Gaps.GapSettingsStore.Get"
analysis+="&q=Features.Gaps.GapAnalyser.Nodes&q=Features.Gaps.GapAnalyser.Edges&q=Features.Chains.ChainLocalFigures.MappedCount"
analysis+="&q=Features.Chains.ChainLocalFigures.LocalEnterpriseCount&q=Features.Chains.ChainLocalFigures.ByEnterprise"
analysis+="&q=Features.Gaps.GapAnalyser.Pipeline&Code=BULK&ChainId=$bulk&Id=1"

bench_header
bench_compare "/api/chains/BULK/gaps" "$analysis"
bench_compare "/chains/BULK/gaps"
bench_compare "/gaps"
BENCH_WRK_LUA=$staff_lua BENCH_JAR=$staff_jar bench_compare "/chains/BULK/gaps/$top"

echo
echo "first computation after a write ($COLD_RUNS times: a write to Projects, then one GET /api/chains/BULK/gaps):"
before=$(_bench_cpu "$BENCH_APP_PID")
for i in $(seq 1 "$COLD_RUNS"); do
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE Projects SET UpdatedAtUtc = UpdatedAtUtc WHERE Id = ?", (int(sys.argv[2]),)); c.commit()' "$BENCH_DB" "$i"
    curl -fs -o /dev/null -b "$BENCH_JAR" -w '%{time_total}\n' "$BENCH_APP_URL/api/chains/BULK/gaps"
done >"$BENCH_WORK/cold"
after=$(_bench_cpu "$BENCH_APP_PID")
python3 - "$BENCH_WORK/cold" "$before" "$after" "$COLD_RUNS" "$(bench_load_average)" <<'PY'
import statistics, sys
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
cpu = (float(sys.argv[3]) - float(sys.argv[2])) * 1000 / int(sys.argv[4])
print(f"   wall min {ms[0]:.0f} / median {statistics.median(ms):.0f} / max {ms[-1]:.0f} ms; app CPU {cpu:.0f} ms per request; load average {sys.argv[5]}")
PY
