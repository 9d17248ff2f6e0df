#!/usr/bin/env bash
# Shared harness of the benchmarks, sourced by bench/*.sh:
#
#   . "$(dirname "$0")/lib.sh"
#   bench_build                                   # Release app (and the floor with bench_build_floor;
#                                                 # bench_bulk_beside_floor: both, the bulk database, app and floor)
#   bench_database "seed-demo" "seed-bulk --enterprises 100000"   # seeded once, cached by these commands
#   bench_start_app; bench_start_floor            # both on free ports, on a copy of that database
#   bench_sign_in admin@demo.local                # cookie for curl and for wrk
#   bench_header
#   bench_compare "/chains/BULK" "/chains/BULK" "Features.Chains.DetailsModel.Figures&ChainId=7"
#
# What it measures, per request: single requests one after another (after a warm-up): wall min / median / p95
# and the server's CPU time per request; then 20 concurrent connections with wrk for a few seconds: requests per
# second, latency p50 / p95 / p99 and CPU per request. The same for the floor (bench/floor: the page's own SQL on
# the same file over bare ASP.NET Core + Dapper, no Razor) on the line below. The machine is shared, so wall times
# depend on what else runs: CPU per request is the figure that does not, and the load average is printed with
# every line. As root the servers and the load generator get a higher priority (renice), so the numbers measure
# the app rather than the queue of other work.
#
# Settings (environment): RUNS=20 WARMUP=5 single requests; CONNECTIONS=20 THREADS=2 DURATION=10s for wrk, after
# WRK_WARMUP=15s of the same load unmeasured (0: none; 5 s left the first page measured 40 % slower);
# BENCH_CACHE (default ~/.cache/investmentcrm/bench) holds the seeded databases; BENCH_RESEED=1 seeds again;
# KEEP=1 keeps the work folder (logs, database copy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/prerequisites.sh

RUNS=${RUNS:-20}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-20}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10s}
WRK_WARMUP=${WRK_WARMUP:-15s}
BENCH_CACHE=${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/investmentcrm/bench}
BENCH_WORK=$(mktemp -d /tmp/crm-bench-XXXXXX)
BENCH_DLL=src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll
BENCH_FLOOR_DLL=bench/floor/bin/Release/net10.0/InvestmentCrm.Bench.Floor.dll
BENCH_PIDS=()
BENCH_APP_PID=""
BENCH_FLOOR_PID=""

export Database__Provider=Sqlite
export ASPNETCORE_ENVIRONMENT=Production
export Demo__SeedOnStart=false
export INVESTMENTCRM_CULTURE=${INVESTMENTCRM_CULTURE:-en}

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = "1" ]; then echo "work folder kept: $BENCH_WORK"; else rm -rf "$BENCH_WORK"; fi
}
trap bench_cleanup EXIT

bench_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

bench_load_average() { cut -d' ' -f1-3 /proc/loadavg; }

# wrk and curl: installed as root (Debian packages), otherwise the exact apt-get line and a failure.
probe_curl() { command -v curl >/dev/null 2>&1; }
probe_wrk() { command -v wrk >/dev/null 2>&1; }
bench_require_tools() { require_packages "benchmarks" curl wrk || exit 1; }

bench_build() {
    echo "== build (Release)"
    dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >"$BENCH_WORK/build.log" 2>&1 || { cat "$BENCH_WORK/build.log"; exit 1; }
}

bench_build_floor() {
    echo "== build the floor (bench/floor, Release)"
    dotnet build bench/floor -c Release -v q -nologo >"$BENCH_WORK/floor-build.log" 2>&1 || { cat "$BENCH_WORK/floor-build.log"; exit 1; }
}

# bench_database COMMAND... — each argument one command line of the app (seed-demo, seed-bulk …), run in order on
# a fresh SQLite file the first time; the file is then kept in $BENCH_CACHE under a key made of these commands,
# the migrations and the seeders' source, so a rerun with the same parameters starts in seconds. Every run works
# on its own copy ($BENCH_DB), exported as the app's connection string.
bench_database() {
    local key
    key=$( { printf '%s\n' "$@"; cat db/sqlite/*.sql; { find src/InvestmentCrm.Web/Features/Demo -type f; echo src/InvestmentCrm.Web/Features/Enterprises/EnterpriseCommands.cs; } | sort | xargs cat; } \
        | sha256sum | cut -c1-16)
    local cached="$BENCH_CACHE/$key.db"
    mkdir -p "$BENCH_CACHE"
    if [ ! -f "$cached" ] || [ "${BENCH_RESEED:-0}" = "1" ]; then
        echo "== seeding a new database (cached as $cached): $*"
        local fresh="$BENCH_CACHE/$key.$$.seeding.db"
        rm -f "$fresh"*
        local command started
        for command in "$@"; do
            started=$(date +%s%N)
            # shellcheck disable=SC2086 # each command is a word list on purpose
            ConnectionStrings__Default="Data Source=$fresh" dotnet "$BENCH_DLL" $command >"$BENCH_WORK/seed.log" 2>&1 \
                || { cat "$BENCH_WORK/seed.log"; rm -f "$fresh"*; exit 1; }
            echo "   $command: $(( ($(date +%s%N) - started) / 1000000 )) ms"
        done
        [ ! -e "$fresh-wal" ] || { echo "the seeded database still has a WAL file: $fresh-wal" >&2; exit 1; }
        mv "$fresh" "$cached"
        printf '%s\n' "$@" >"$BENCH_CACHE/$key.txt"
    else
        echo "== database from the cache: $cached ($(tr '\n' ';' <"$BENCH_CACHE/$key.txt"))"
    fi
    BENCH_DB="$BENCH_WORK/bench.db"
    cp "$cached" "$BENCH_DB"
    export ConnectionStrings__Default="Data Source=$BENCH_DB"
    echo "   $(du -h "$BENCH_DB" | cut -f1) database"
}

# bench_bulk_database — the database the chain, gap, enterprise-list and dashboard benchmarks share: seed-demo +
# seed-bulk --chain-nodes $NODES --enterprises $ENTERPRISES --projects $PROJECTS (500, 100,000, 20,000 by default).
bench_bulk_database() {
    NODES=${NODES:-500}
    ENTERPRISES=${ENTERPRISES:-100000}
    PROJECTS=${PROJECTS:-20000}
    bench_database "seed-demo" "seed-bulk --chain-nodes $NODES --enterprises $ENTERPRISES --projects $PROJECTS"
}

# bench_contacts_database — the bulk database with CONTACTS (100,000) more contacts: with the one each synthetic
# enterprise brings, 200,000 (search everywhere and the notifications benchmarks).
bench_contacts_database() {
    NODES=${NODES:-500}
    ENTERPRISES=${ENTERPRISES:-100000}
    PROJECTS=${PROJECTS:-20000}
    CONTACTS=${CONTACTS:-100000}
    bench_database "seed-demo" "seed-bulk --chain-nodes $NODES --enterprises $ENTERPRISES --projects $PROJECTS --contacts $CONTACTS"
}

# bench_bulk_beside_floor — what the chain, gap, enterprise-list and dashboard benchmarks start with: both builds,
# the shared bulk database, the app and the floor on it.
bench_bulk_beside_floor() {
    bench_build
    bench_build_floor
    bench_bulk_database
    bench_start_app
    bench_start_floor
}

# bench_after_write LABEL PATH — COLD_RUNS (10) times: a write to Projects (which every cached figure depends on),
# then one GET of PATH with $BENCH_JAR: the first request after a write, which computes from scratch. Prints wall
# min / median / max, the app's CPU per request and the load average.
bench_after_write() {
    local label=$1 path=$2 runs=${COLD_RUNS:-10} i before after
    echo
    echo "first $label after a write ($runs times: a write to Projects, then one GET $path):"
    before=$(_bench_cpu "$BENCH_APP_PID")
    for i in $(seq 1 "$runs"); do
        python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("UPDATE Projects SET UpdatedAtUtc = UpdatedAtUtc WHERE Id = ?", (int(sys.argv[2]),)); c.commit()' "$BENCH_DB" "$i"
        curl -fs -o /dev/null -b "$BENCH_JAR" -w '%{time_total}\n' "$BENCH_APP_URL$path"
    done >"$BENCH_WORK/cold"
    after=$(_bench_cpu "$BENCH_APP_PID")
    python3 - "$BENCH_WORK/cold" "$before" "$after" "$runs" "$(bench_load_average)" <<'PY'
import statistics, sys
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
cpu = (float(sys.argv[3]) - float(sys.argv[2])) * 1000 / int(sys.argv[4])
print(f"   wall min {ms[0]:.0f} / median {statistics.median(ms):.0f} / max {ms[-1]:.0f} ms; app CPU {cpu:.0f} ms per request; load average {sys.argv[5]}")
PY
}

# Runs SQL on the benchmark's database (python's sqlite3: no extra tool) and prints the first column of each row.
bench_sql() {
    python3 -c 'import sqlite3, sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute(sys.argv[2])]' "$BENCH_DB" "$1"
}

_bench_wait_health() { # url pid log
    local _
    for _ in $(seq 1 240); do
        curl -fs "$1/health" >/dev/null 2>&1 && return 0
        kill -0 "$2" 2>/dev/null || break
        sleep 0.5
    done
    echo "the server at $1 did not come up:" >&2
    tail -40 "$3" >&2
    exit 1
}

_bench_priority() { # pid...
    if [ "$(id -u)" -eq 0 ]; then renice -n -15 -p "$@" >/dev/null 2>&1 || true; fi
}

bench_start_app() {
    bench_require_tools
    local port
    port=$(bench_free_port)
    BENCH_APP_URL="http://127.0.0.1:$port"
    dotnet "$BENCH_DLL" --urls "$BENCH_APP_URL" >"$BENCH_WORK/app.log" 2>&1 &
    BENCH_APP_PID=$!
    BENCH_PIDS+=("$BENCH_APP_PID")
    _bench_wait_health "$BENCH_APP_URL" "$BENCH_APP_PID" "$BENCH_WORK/app.log"
    _bench_priority "$BENCH_APP_PID" $$
    echo "== app on $BENCH_APP_URL (pid $BENCH_APP_PID)"
}

bench_start_floor() {
    local port
    port=$(bench_free_port)
    BENCH_FLOOR_URL="http://127.0.0.1:$port"
    Floor__AppAssembly="$PWD/$BENCH_DLL" dotnet "$BENCH_FLOOR_DLL" --urls "$BENCH_FLOOR_URL" >"$BENCH_WORK/floor.log" 2>&1 &
    BENCH_FLOOR_PID=$!
    BENCH_PIDS+=("$BENCH_FLOOR_PID")
    _bench_wait_health "$BENCH_FLOOR_URL" "$BENCH_FLOOR_PID" "$BENCH_WORK/floor.log"
    _bench_priority "$BENCH_FLOOR_PID"
    echo "== floor on $BENCH_FLOOR_URL (pid $BENCH_FLOOR_PID)"
}

# bench_sign_in EMAIL [PASSWORD] — signs in on the app like a browser; curl then sends $BENCH_JAR, and wrk runs
# with $BENCH_WRK_LUA, which sets the same cookies on every request and prints the figures this harness reads.
bench_sign_in() {
    local email=$1 password=${2:-Demo@2026}
    BENCH_JAR="$BENCH_WORK/cookies-${email%%@*}"
    local token code
    token=$(curl -fs -c "$BENCH_JAR" -b "$BENCH_JAR" "$BENCH_APP_URL/account/login" \
        | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    code=$(curl -s -o /dev/null -w '%{http_code}' -c "$BENCH_JAR" -b "$BENCH_JAR" --data-urlencode "Form.Email=$email" \
        --data-urlencode "Form.Password=$password" --data-urlencode "__RequestVerificationToken=$token" "$BENCH_APP_URL/account/login")
    [ "$code" = "302" ] || { echo "sign-in as $email failed: HTTP $code" >&2; exit 1; }
    # curl's cookie jar: tab-separated, name and value in columns 6 and 7; HttpOnly cookies start "#HttpOnly_".
    local cookie
    cookie=$(sed -n 's/^#HttpOnly_//; /^#/d; /^$/d; p' "$BENCH_JAR" | awk -F'\t' '{ printf "%s%s=%s", (NR > 1 ? "; " : ""), $6, $7 }')
    BENCH_WRK_LUA="$BENCH_WORK/wrk-${email%%@*}.lua"
    cat >"$BENCH_WRK_LUA" <<LUA
wrk.headers["Cookie"] = "$cookie"
-- One line the harness parses: requests, seconds, non-2xx/3xx answers, socket errors, latency p50 p95 p99 max (µs).
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("WRK %d %.3f %d %d %d %d %d %d\n", summary.requests, summary.duration / 1e6, e.status,
        e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
LUA
    echo "== signed in as $email"
}

# CPU seconds (user + system) a process has used so far.
_bench_cpu() { awk -v tick="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / tick }' "/proc/$1/stat"; }

# _bench_single PID URL [CURL ARGS] — prints "min median p95 cpu_ms_per_request" (milliseconds).
_bench_single() {
    local pid=$1 url=$2; shift 2
    local _ status
    for _ in $(seq 1 "$WARMUP"); do
        status=$(curl -s -o "$BENCH_WORK/last-body" -w '%{http_code}' "$@" "$url")
        [[ "$status" == 2* ]] || { echo "$url answered HTTP $status:" >&2; head -c 600 "$BENCH_WORK/last-body" >&2; echo >&2; exit 1; }
    done
    local before after
    before=$(_bench_cpu "$pid")
    for _ in $(seq 1 "$RUNS"); do curl -fs -o /dev/null -w '%{time_total}\n' "$@" "$url"; done >"$BENCH_WORK/times"
    after=$(_bench_cpu "$pid")
    python3 - "$BENCH_WORK/times" "$before" "$after" "$RUNS" <<'PY'
import sys, statistics
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))]
cpu = (float(sys.argv[3]) - float(sys.argv[2])) * 1000 / int(sys.argv[4])
print(f"{ms[0]:.0f} {statistics.median(ms):.0f} {p95:.0f} {cpu:.0f}")
PY
}

# _bench_load PID URL — prints "requests_per_second p50 p95 p99 cpu_ms_per_request errors" under wrk.
_bench_load() {
    local pid=$1 url=$2
    local before after line
    # The same load first, unmeasured: the JIT recompiles hot code under load for several seconds (tiered and
    # profile-guided), and the first server measured would otherwise pay for it in its figures.
    [ "$WRK_WARMUP" = "0" ] || wrk -c "$CONNECTIONS" -t "$THREADS" -d "$WRK_WARMUP" --timeout 30s -s "$BENCH_WRK_LUA" "$url" >/dev/null
    before=$(_bench_cpu "$pid")
    line=$(wrk -c "$CONNECTIONS" -t "$THREADS" -d "$DURATION" --timeout 30s -s "$BENCH_WRK_LUA" "$url" | grep '^WRK ')
    after=$(_bench_cpu "$pid")
    python3 - "$line" "$before" "$after" <<'PY'
import sys
_, requests, seconds, status, socket, p50, p95, p99, _max = sys.argv[1].split()
requests = int(requests)
cpu = (float(sys.argv[3]) - float(sys.argv[2])) * 1000 / max(1, requests)
print(f"{requests / float(seconds):.1f} {int(p50) / 1000:.0f} {int(p95) / 1000:.0f} {int(p99) / 1000:.0f} {cpu:.1f} {int(status) + int(socket)}")
PY
}

bench_header() {
    echo
    echo "single: $RUNS requests one at a time after $WARMUP warm-up; load: wrk, $CONNECTIONS connections, $THREADS threads, $DURATION"
    printf '%-44s %-6s | %-17s %8s | %8s %-15s %8s %6s | %s\n' "request" "server" "single min/med/p95" "CPU/req" \
        "req/s" "load p50/95/99" "CPU/req" "errors" "load average"
}

# bench_measure LABEL SERVER PID URL — one line of the table: single requests, then load.
bench_measure() {
    local label=$1 server=$2 pid=$3 url=$4
    local single load
    single=($(_bench_single "$pid" "$url" -b "$BENCH_JAR"))
    load=($(_bench_load "$pid" "$url"))
    printf '%-44s %-6s | %17s %6s ms | %8s %15s %6s ms %6s | %s\n' "$label" "$server" \
        "${single[0]}/${single[1]}/${single[2]} ms" "${single[3]}" "${load[0]}" "${load[1]}/${load[2]}/${load[3]} ms" \
        "${load[4]}" "${load[5]}" "$(bench_load_average)"
}

# bench_compare APP_PATH [FLOOR_QUERY] — the app's page, then (when given) the floor running the page's statements:
# FLOOR_QUERY is the query string of the floor's /sql (q=Namespace.Type.Statement&q=…&Param=value).
bench_compare() {
    bench_measure "$1" app "$BENCH_APP_PID" "$BENCH_APP_URL$1"
    if [ -n "${2:-}" ]; then
        bench_measure "  same SQL" floor "$BENCH_FLOOR_PID" "$BENCH_FLOOR_URL/sql?$2"
    fi
}

# bench_pdf_summary PDF... — pdfinfo and pdffonts over a set of PDFs: pages, sizes, every font counted by type and
# name (subset prefixes dropped), and the number of Type 3 fonts (glyphs drawn as procedures: see PrintFonts.cs).
bench_pdf_summary() {
    python3 - "$@" <<'PY'
import collections, os, re, statistics, subprocess, sys
files = sys.argv[1:]
pages = collections.Counter()
sizes = [os.path.getsize(f) for f in files]
fonts = collections.Counter()
for f in files:
    info = subprocess.run(['pdfinfo', f], capture_output=True, text=True, check=True).stdout
    pages[int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))] += 1
    lines = subprocess.run(['pdffonts', f], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    for line in lines:
        name = re.sub(r'^[A-Z]{6}\+', '', line[:36].strip())
        fonts[f'{line[37:54].strip()} {name}'] += 1
print(f"   {len(files)} PDFs; pages: {', '.join(f'{n} page(s) × {c}' for n, c in sorted(pages.items()))}; "
      f"size median {statistics.median(sizes) / 1024:.0f} KB, largest {max(sizes) / 1024:.0f} KB")
print(f"   pdffonts (font objects over all files): {'; '.join(f'{c} × {k}' for k, c in fonts.most_common())}")
print(f"   Type 3 fonts: {sum(c for k, c in fonts.items() if k.startswith('Type 3'))}")
PY
}
