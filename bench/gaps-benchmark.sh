#!/usr/bin/env bash
# Gap-analysis benchmark: a fresh SQLite database with a synthetic 500-node chain (BULK), 100,000 enterprises and
# 20,000 projects mapped to it, then GET /api/chains/BULK/gaps on the running app (Release build, warmed up by
# WARMUP requests), timed RUNS times; prints min / median / p90 in milliseconds and the app's CPU per request:
#   NODES=500 ENTERPRISES=100000 PROJECTS=20000 WARMUP=10 RUNS=20 bench/gaps-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${NODES:-500}
ENTERPRISES=${ENTERPRISES:-100000}
PROJECTS=${PROJECTS:-20000}
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-10}
# A free port: other apps may be listening on the usual ones.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

work=$(mktemp -d)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >/dev/null
dll=src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll

export ConnectionStrings__Default="Data Source=$work/bench.db"
export Database__Provider=Sqlite
export ASPNETCORE_ENVIRONMENT=Production
export INVESTMENTCRM_CULTURE=en

echo "== data: $NODES nodes, $ENTERPRISES enterprises, $PROJECTS projects"
dotnet "$dll" seed-demo
# The general --enterprises / --projects options (other features) map to every chain, BULK included, once it
# exists; where one is missing, this feature's --chain-enterprises / --chain-projects (BULK only) stand in.
usage=$(dotnet "$dll" seed-bulk 2>&1 || true)
enterprises_option=--chain-enterprises
projects_option=--chain-projects
grep -q -- '\[--enterprises N\]' <<<"$usage" && enterprises_option=--enterprises
grep -q -- '\[--projects N\]' <<<"$usage" && projects_option=--projects
seed_start=$(date +%s)
dotnet "$dll" seed-bulk --chain-nodes "$NODES" "$enterprises_option" "$ENTERPRISES" "$projects_option" "$PROJECTS"
echo "   seeded in $(( $(date +%s) - seed_start )) s"

echo "== app on port $PORT"
dotnet "$dll" --urls "http://127.0.0.1:$PORT" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$work/app.log"; exit 1; }

jar="$work/cookies"
token=$(curl -fs -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -o "$work/login.html" -w "   sign-in: %{http_code} %{redirect_url}\n" -c "$jar" -b "$jar" --data-urlencode "Form.Email=admin@demo.local" --data-urlencode "Form.Password=Demo@2026" \
    --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$PORT/account/login"

# CPU time the app spent (user + system, in clock ticks): the machine may be shared, so wall time alone says
# little; CPU per request is what the analysis costs whatever else runs.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$app_pid/stat"; }

measure() {
    local url=$1
    for _ in $(seq 1 "$WARMUP"); do curl -fs -o /dev/null -b "$jar" "$url"; done
    local before after
    before=$(cpu_ticks)
    for _ in $(seq 1 "$RUNS"); do curl -fs -o /dev/null -b "$jar" -w '%{time_total}\n' "$url"; done >"$work/times"
    after=$(cpu_ticks)
    echo "   app CPU per request: $(( (after - before) * 1000 / $(getconf CLK_TCK) / RUNS )) ms; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 -c '
import sys, statistics
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
print(f"   wall: min {ms[0]:.0f} ms, median {statistics.median(ms):.0f} ms, p90 {p90:.0f} ms ({len(ms)} runs)")' "$work/times"
}
kill -0 "$app_pid" 2>/dev/null || { echo "the app stopped:"; tail -40 "$work/app.log"; exit 1; }
curl -s -o "$work/gaps.json" -w "   first GET: %{http_code}\n" -b "$jar" "http://127.0.0.1:$PORT/api/chains/BULK/gaps"
kill -0 "$app_pid" 2>/dev/null || { echo "the app stopped:"; tail -40 "$work/app.log"; exit 1; }
gaps=$(python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["nodes"]), "nodes,", sum(n["localCount"] for n in d["nodes"]), "local mappings,", sum(1 for n in d["nodes"] if n["rank"] is not None), "gaps")' <"$work/gaps.json")
echo "== GET /api/chains/BULK/gaps ($gaps)"
measure "http://127.0.0.1:$PORT/api/chains/BULK/gaps"
echo "== GET /chains/BULK/gaps (HTML page with the diagram)"
measure "http://127.0.0.1:$PORT/chains/BULK/gaps"
