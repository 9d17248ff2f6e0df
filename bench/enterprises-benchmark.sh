#!/usr/bin/env bash
# Benchmark of the enterprise list (/enterprises) on a large registry:
#   1. builds the app (Release) and seeds a fresh SQLite file: demo data + N synthetic enterprises (default 100,000);
#   2. starts the app on 127.0.0.1:$PORT, signs in as admin@demo.local;
#   3. requests the list with several filters, sorts and pages ($RUNS times each, after one warm-up) and prints
#      the median and the slowest time per request, plus one filtered CSV export.
# Usage: bench/enterprises-benchmark.sh [N]      (PORT=5187 RUNS=5; KEEP=1 keeps the database,
#        BENCH_DB=/path/bench.db reuses a kept one and skips the seeding)
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-100000}"
PORT="${PORT:-5187}"
RUNS="${RUNS:-5}"
WORK="$(mktemp -d /tmp/crm-bench-XXXXXX)"
APP="src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll"
DB="${BENCH_DB:-$WORK/bench.db}"
export ConnectionStrings__Default="Data Source=$DB"
export Database__Provider=Sqlite
export Demo__SeedOnStart=false
export ASPNETCORE_ENVIRONMENT=Production
export INVESTMENTCRM_CULTURE=en

SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" != "1" ]; then rm -rf "$WORK"; else echo "database kept in $DB"; fi
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build src/InvestmentCrm.Web -c Release -v q -nologo > "$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }

if [ -n "${BENCH_DB:-}" ] && [ -f "$BENCH_DB" ]; then
  echo "== reusing $BENCH_DB"
  dotnet "$APP" migrate
else
  echo "== seed: demo data + $N synthetic enterprises into $DB"
  dotnet "$APP" seed-demo
  start=$(date +%s.%N)
  dotnet "$APP" seed-bulk --enterprises "$N"
  echo "seed-bulk wall time: $(echo "$(date +%s.%N) - $start" | bc) s"
fi
echo "database size: $(du -h "$DB" | cut -f1)"

echo "== start the app on port $PORT"
dotnet "$APP" --urls "http://127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$PORT/health" > /dev/null 2>&1; then break; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/health" > /dev/null

echo "== sign in"
JAR="$WORK/cookies"
token=$(curl -fsS -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//; s/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
  --data-urlencode "Form.Email=admin@demo.local" --data-urlencode "Form.Password=Demo@2026" \
  --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$PORT/account/login")
[ "$code" = "302" ] || { echo "sign-in failed: HTTP $code"; exit 1; }

total=$(curl -fsS -b "$JAR" "http://127.0.0.1:$PORT/enterprises" | grep -o 'Page 1 of [0-9,]*, [0-9,]* in total\|第 1 / [0-9,]* 页，共 [0-9,]* 条' | head -1 || true)
echo "list says: $total"

URLS=(
  "/enterprises"
  "/enterprises?sort=-revenue"
  "/enterprises?sort=name&p=2000"
  "/enterprises?kind=local&sort=-revenue"
  "/enterprises?kind=prospect&sort=-updated&p=100"
  "/enterprises?node=SEW:HANG"
  "/enterprises?node=SEW&sort=-employees"
  "/enterprises?qualification=little_giant&sort=-capital"
  "/enterprises?region=%E6%B5%99%E6%B1%9F%E7%9C%81/%E5%8F%B0%E5%B7%9E%E5%B8%82&sort=name&p=50"
  "/enterprises?q=%E5%90%8A%E6%8C%82&kind=prospect"
  "/enterprises?q=91331002"
  "/enterprises?q=%E5%8F%B0%E5%B7%9E%E6%81%92%E8%BE%BE&qualification=high_tech&node=SEW"
  "/enterprises/export?format=csv&node=SEW:HANG"
)

echo "== $RUNS timed requests each (after one warm-up); seconds"
printf '%-100s %8s %8s %6s\n' "request" "median" "max" "HTTP"
for url in "${URLS[@]}"; do
  curl -s -o /dev/null -b "$JAR" "http://127.0.0.1:$PORT$url"
  times=()
  status=""
  for _ in $(seq 1 "$RUNS"); do
    out=$(curl -s -o /dev/null -b "$JAR" -w '%{http_code} %{time_total}' "http://127.0.0.1:$PORT$url")
    status="${out% *}"
    times+=("${out#* }")
  done
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
  max=$(echo "$sorted" | tail -1)
  printf '%-100s %8s %8s %6s\n' "$(printf '%b' "${url//%/\\x}")" "$median" "$max" "$status"
done
