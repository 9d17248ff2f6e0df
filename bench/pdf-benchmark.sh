#!/usr/bin/env bash
# PDF benchmark: Chinese prospect briefs (招商项目简报) of the demo projects, two pages each, printed by `report
# briefs`: one cold (Chromium starts), then COUNT-1 on the warm browser, PAGES pages at once, cycling through the
# projects. Prints the app's own line (briefs per second, cold, median and p95 of one brief), the CPU time of the
# app and Chromium per warm brief (what the neighbours on a shared machine do not change) and the briefs per second
# that gives on this machine's cores, sizes and page counts, and pdffonts' summary (Brief SC embedded as CID
# TrueType, no Type 3); then the same for CHAIN_COUNT chain-gap reports (产业链缺口分析报告) of the demo chain,
# printed by `report chain-gaps`.
#   COUNT=200 CHAIN_COUNT=100 PAGES=3 CULTURE=zh-CN bench/pdf-benchmark.sh
. "$(dirname "$0")/lib.sh"

COUNT=${COUNT:-200}
CHAIN_COUNT=${CHAIN_COUNT:-100}
PAGES=${PAGES:-3}
CULTURE=${CULTURE:-zh-CN}

require_packages "PDF benchmark" chromium fonts-noto-cjk poppler-utils || exit 1
ensure_pdf_font
bench_build
bench_database "seed-demo"
export Pdf__Pages=$PAGES
export INVESTMENTCRM_CULTURE=$CULTURE

# One batch: KIND (briefs or chain-gaps) COUNT NOUN.
batch() {
    local kind=$1 count=$2 noun=$3 out="$BENCH_WORK/$1"
    echo "== $count $noun ($CULTURE), $PAGES pages at once, on $(nproc) cores; load average before: $(bench_load_average)"
    python3 bench/pdf-cpu.py "$out" "$count" dotnet "$BENCH_DLL" report "$kind" --count "$count" --out "$out" >"$BENCH_WORK/$kind.log"
    grep -v '^CPU ' "$BENCH_WORK/$kind.log" | sed 's/^/   /'
    read -r _ cpu_ms measured wall < <(grep '^CPU ' "$BENCH_WORK/$kind.log")
    echo "   CPU (app + Chromium) per warm document: $cpu_ms ms over $measured in $wall s" \
        "=> $(python3 -c "print(f'{$(nproc) * 1000 / $cpu_ms:.1f}')") $noun/s on $(nproc) cores by CPU;" \
        "wall $(python3 -c "print(f'{$measured / $wall:.1f}')")/s here; load average after: $(bench_load_average)"
    bench_pdf_summary "$out"/*.pdf
}

batch briefs "$COUNT" briefs
# The demo data has one chain, SEW: every report is of it, and each records a gap snapshot as the monthly job's do.
batch chain-gaps "$CHAIN_COUNT" "chain-gap reports"
