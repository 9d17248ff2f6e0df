#!/usr/bin/env bash
# Enterprise search at 100,000 enterprises: the list (/enterprises?q=) and the project form's enterprise picker
# (/api/pickers/enterprises?q=) for Latin, USCC, 1-, 2- and 4-character Chinese, product and no-match queries, one
# request at a time (min / median / p95 and the server's CPU per request); then the size of the pages that used to
# list every node and enterprise. Data: demo + seed-bulk --chain-nodes 10000 --enterprises 100000 --projects 2000,
# seeded once and cached (bench/lib.sh). Run it on an older commit for the "before" figures: pages or endpoints that
# do not exist there print "-".
#   ENTERPRISES=100000 NODES=10000 RUNS=40 bench/search-benchmark.sh
. "$(dirname "$0")/lib.sh"

ENTERPRISES=${ENTERPRISES:-100000}
NODES=${NODES:-10000}
RUNS=${RUNS:-40}

bench_build
bench_database "seed-demo" "seed-bulk --chain-nodes $NODES --enterprises $ENTERPRISES --projects 2000"
bench_start_app
bench_sign_in admin@demo.local

count() { bench_sql "SELECT COUNT(*) FROM Enterprises WHERE NameKey LIKE '%$1%' OR MainProducts LIKE '%$1%' OR Uscc LIKE '$1%'"; }

echo
echo "$(bench_sql "SELECT COUNT(*) FROM Enterprises") enterprises, $(bench_sql "SELECT COUNT(*) FROM ChainNodes") chain nodes; $RUNS requests each after $WARMUP warm-up"
printf '%-34s %8s | %-30s %8s | %-30s %8s | %s\n' "query" "matches" "/enterprises?q= min/med/p95" "CPU/req" \
    "picker min/med/p95" "CPU/req" "load average"
for q in "tech" "91331002" "恒" "恒达" "台州恒达" "吊挂" "智能装备" "缝制设备" "台州恒达&node=SEW" "zzqx"; do
    text=${q%%&*}
    encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="=&"))' "$q")
    list=($(_bench_single "$BENCH_APP_PID" "$BENCH_APP_URL/enterprises?q=$encoded" -b "$BENCH_JAR"))
    if curl -fs -o /dev/null -b "$BENCH_JAR" "$BENCH_APP_URL/api/pickers/enterprises?q=x"; then
        picker=($(_bench_single "$BENCH_APP_PID" "$BENCH_APP_URL/api/pickers/enterprises?q=$encoded" -b "$BENCH_JAR"))
        picker_text="${picker[0]}/${picker[1]}/${picker[2]} ms"; picker_cpu="${picker[3]} ms"
    else
        picker_text="-"; picker_cpu="-"
    fi
    printf '%-34s %8s | %-30s %8s | %-30s %8s | %s\n' "$q" "$(count "$text")" "${list[0]}/${list[1]}/${list[2]} ms" "${list[3]} ms" \
        "$picker_text" "$picker_cpu" "$(bench_load_average)"
done

echo
printf '%-34s %12s %10s\n' "page" "bytes" "<option>s"
for page in /enterprises/create /enterprises /projects /projects/board /projects/create; do
    curl -s -o "$BENCH_WORK/page" -b "$BENCH_JAR" "$BENCH_APP_URL$page"
    printf '%-34s %12s %10s\n' "$page" "$(stat -c %s "$BENCH_WORK/page")" "$(grep -o '<option' "$BENCH_WORK/page" | wc -l)"
done
