#!/usr/bin/env bash
# Background jobs benchmark: the app (Release) runs on a fresh SQLite database with the demo data and processes
# jobs as in production (Hangfire on its own SQLite file, Jobs:WorkerCount workers); the command line
# `jobs benchmark` enqueues into the same job storage and waits until the app has done them, printing
# enqueue-to-done times (median, p95, max) and throughput:
#   - TRIVIAL no-op jobs: Hangfire's own cost per job (enqueue, fetch, state changes on SQLite);
#   - BRIEFS prospect briefs through the real path (request row, job, Chromium PDF, stored document).
#   TRIVIAL=1000 BRIEFS=200 WORKERS=4 PAGES=3 bench/jobs-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

TRIVIAL=${TRIVIAL:-1000}
BRIEFS=${BRIEFS:-200}
WORKERS=${WORKERS:-4}
PAGES=${PAGES:-3}

for tool in /usr/bin/chromium /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; do
    [ -e "$tool" ] || { echo "$tool is missing: apt-get install chromium fonts-noto-cjk" >&2; exit 1; }
done

work=$(mktemp -d)
app_pid=""
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >/dev/null
dll=src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll

export ConnectionStrings__Default="Data Source=$work/bench.db"
export Database__Provider=Sqlite
export Email__PickupDirectory="$work/mail"
export Jobs__WorkerCount=$WORKERS
export Pdf__Pages=$PAGES
export INVESTMENTCRM_CULTURE=${CULTURE:-zh-CN}

echo "== data"
dotnet "$dll" seed-demo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
echo "== app on 127.0.0.1:$port, $WORKERS workers, $PAGES PDF pages, $(nproc) cores"
ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
    sleep 0.5
done
curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "the app did not answer /health" >&2; exit 1; }

run() {
    echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    if ! dotnet "$dll" jobs benchmark "$@" --timeout "${TIMEOUT:-1800}"; then
        kill -0 "$app_pid" 2>/dev/null || echo "the app process has died; its log ends:" >&2
        tail -20 "$work/app.log" >&2
        exit 1
    fi
    echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
[ "$TRIVIAL" -gt 0 ] && run --trivial "$TRIVIAL"
[ "$BRIEFS" -gt 0 ] && run --briefs "$BRIEFS"
echo "== app: $(ps -o rss= -p "$app_pid" | awk '{printf "%.0f MB resident", $1/1024}')"
