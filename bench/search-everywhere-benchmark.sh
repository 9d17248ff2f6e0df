#!/usr/bin/env bash
# Search everywhere as the reader types (/search/suggest?q=, the request htmx sends per keystroke after a pause):
# each prefix of a few queries typed one character at a time — a 4-character enterprise name, a contact's name, a
# mobile number, an e-mail address, a project code, a Latin product word — one request at a time (min / median / p95
# and the server's CPU per request), then the p95 over every keystroke request; then the full results page and one
# group's second page. Target: p95 under 100 ms per keystroke request. Signed in as a Staff member (project scope
# applies) and as the admin (sees all). Data: demo + seed-bulk --chain-nodes 500 --enterprises 100000 --projects
# 20000 --contacts 100000 (200,000 contacts), seeded once and cached (bench/lib.sh).
#   RUNS=20 bench/search-everywhere-benchmark.sh
. "$(dirname "$0")/lib.sh"

bench_build
bench_contacts_database
bench_start_app

# A name, a phone and an e-mail that exist, read from the database, so every keystroke searches real data.
contact_name=$(bench_sql "SELECT Name FROM EnterpriseContacts WHERE Phone LIKE '13%' ORDER BY Id DESC LIMIT 1")
phone=$(bench_sql "SELECT Phone FROM EnterpriseContacts WHERE Phone LIKE '13%' ORDER BY Id DESC LIMIT 1")
email=$(bench_sql "SELECT Email FROM EnterpriseContacts WHERE Email IS NOT NULL ORDER BY Id DESC LIMIT 1")
echo "$(bench_sql "SELECT COUNT(*) FROM Enterprises") enterprises, $(bench_sql "SELECT COUNT(*) FROM EnterpriseContacts") contacts," \
    "$(bench_sql "SELECT COUNT(*) FROM Projects") projects, $(bench_sql "SELECT COUNT(*) FROM ChainNodes") chain nodes"

# Every prefix of each typed query, as the box sends them.
prefixes() { python3 -c 'import sys; [print(w[:i]) for w in sys.argv[1:] for i in range(1, len(w) + 1)]' "$@"; }
encode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

typing() { # email label
    bench_sign_in "$1"
    echo
    echo "$2: /search/suggest?q= per keystroke; $RUNS requests each after $WARMUP warm-up"
    printf '%-28s | %-22s %8s | %s\n' "typed so far" "min/med/p95" "CPU/req" "load average"
    : >"$BENCH_WORK/all-times"
    local q line
    while IFS= read -r q; do
        line=($(_bench_single "$BENCH_APP_PID" "$BENCH_APP_URL/search/suggest?q=$(encode "$q")" -b "$BENCH_JAR"))
        cat "$BENCH_WORK/times" >>"$BENCH_WORK/all-times"
        printf '%-28s | %-22s %6s ms | %s\n' "$q" "${line[0]}/${line[1]}/${line[2]} ms" "${line[3]}" "$(bench_load_average)"
    done < <(prefixes "台州恒达" "$contact_name" "$phone" "${email%%@*}" "JJ2026-01" "tech")
    python3 - "$BENCH_WORK/all-times" <<'PY'
import statistics, sys
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
p95 = ms[min(len(ms) - 1, max(0, round(0.95 * len(ms)) - 1))]
print(f"every keystroke request ({len(ms)}): median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms")
PY
    local page
    for page in "/search?q=$(encode "台州恒达")" "/search?q=$(encode "$contact_name")" "/search?q=$(encode "$contact_name")&kind=contacts&p=2"; do
        line=($(_bench_single "$BENCH_APP_PID" "$BENCH_APP_URL$page" -b "$BENCH_JAR"))
        printf '%-28s | %-22s %6s ms | %s\n' "page $(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$page")" \
            "${line[0]}/${line[1]}/${line[2]} ms" "${line[3]}" "$(bench_load_average)"
    done
}

typing staff1@demo.local "Staff (own and team's projects)"
typing admin@demo.local "Admin (all projects)"
