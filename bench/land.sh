#!/usr/bin/env bash
# Land-efficiency benchmark: N local enterprises (default 10000) with 2 years of records each, then times
#   - grade --year Y --json (command line, host start-up included; best of 3)
#   - GET /land (first page), /land sorted by tax page 20, /land/parks, /land/export: the first request (grades the
#     year) and the best of 5 after it (the graded year is reused while its data and the settings are unchanged)
# on a fresh SQLite file. Usage: bench/land.sh [N]. Needs sqlite3 and curl.
set -euo pipefail
[ -n "${BENCH_DEBUG:-}" ] && set -x
cd "$(dirname "$0")/.."
N="${1:-10000}"
PORT="${PORT:-$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")}"
work="$(mktemp -d)"
trap 'kill "${app_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.db"
export ConnectionStrings__Default="Data Source=$db"
export INVESTMENTCRM_CULTURE=en

dotnet build src/InvestmentCrm.Web -v q -nologo >/dev/null
dll=src/InvestmentCrm.Web/bin/Debug/net10.0/InvestmentCrm.Web.dll
dotnet "$dll" seed-demo >/dev/null

# Synthetic local enterprises spread over the three demo parks (plain SQL: the benchmark needs no importer).
sqlite3 "$db" <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $N)
INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, AnnualRevenueWan, ParkId, Version, CreatedAtUtc, UpdatedAtUtc)
SELECT printf('BENCH%013d', i), printf('基准测试企业%06d有限公司', i), printf('基准测试企业%06d', i), 'local',
       1000 + (i * 7919) % 90000, (SELECT MIN(Id) FROM Parks) + (i % 3), 1, datetime('now'), datetime('now')
FROM n;
SQL
start=$(date +%s.%N)
dotnet "$dll" seed-bulk --land 2
seeded=$(date +%s.%N)
year=$(sqlite3 "$db" "SELECT MAX(Year) FROM LandRecords")
records=$(sqlite3 "$db" "SELECT COUNT(*) FROM LandRecords WHERE Year = $year")
printf 'seed-bulk --land 2: %.1f s\n' "$(echo "$seeded - $start" | bc)"

best() { sort -n | head -1; }
cli=$(for _ in 1 2 3; do /usr/bin/time -f '%e' dotnet "$dll" grade --year "$year" --json 2>&1 >/dev/null | tail -1; done | best)
echo "grade --year $year --json ($records enterprises): ${cli} s"

ASPNETCORE_URLS="http://127.0.0.1:$PORT" dotnet "$dll" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 1; done
jar="$work/cookies"
token=$(curl -fs -c "$jar" "http://127.0.0.1:$PORT/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -fs -b "$jar" -c "$jar" -o /dev/null -X POST "http://127.0.0.1:$PORT/account/login" \
  --data-urlencode "Form.Email=admin@demo.local" --data-urlencode "Form.Password=Demo@2026" --data-urlencode "__RequestVerificationToken=$token"
for url in "/land?year=$year" "/land?year=$year&sort=-tax&p=20" "/land/parks?year=$year" "/land/export?year=$year"; do
  cold=$(curl -fs -b "$jar" -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT$url") || { echo "GET $url failed"; tail -20 "$work/app.log"; exit 1; }
  t=$(for _ in 1 2 3 4 5; do curl -fs -b "$jar" -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$url"; done | best)
  echo "GET $url ($records enterprises): first ${cold} s, then best of 5 ${t} s"
done
