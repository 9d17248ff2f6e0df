#!/usr/bin/env bash
# Chain-gap report (产业链缺口分析报告) timing on the demo data: one `report chain-gap SEW --out FILE` (a fresh process:
# start-up, Chromium launch, analysis, print) with its size, pages and fonts, then `report chain-gap-monthly` (what
# the monthly job does: every chain in zh-CN and en on one warm browser) and its median per report, then the same
# again (stores nothing).   CULTURE=zh-CN bench/chain-gap-benchmark.sh
. "$(dirname "$0")/lib.sh"
require_packages "PDF benchmark" chromium fonts-noto-cjk poppler-utils || exit 1
ensure_pdf_font
bench_build
bench_database "seed-demo"
export INVESTMENTCRM_CULTURE=${CULTURE:-zh-CN}
echo "== report chain-gap SEW --out $BENCH_WORK/x.pdf (load average $(bench_load_average))"
start=$(date +%s%N)
dotnet "$BENCH_DLL" report chain-gap SEW --out "$BENCH_WORK/x.pdf"
echo "   whole command: $(( ($(date +%s%N) - start) / 1000000 )) ms"
bench_pdf_summary "$BENCH_WORK/x.pdf"
echo "== report chain-gap-monthly (the monthly job's work)"
dotnet "$BENCH_DLL" report chain-gap-monthly
echo "== again in the same month"
dotnet "$BENCH_DLL" report chain-gap-monthly
