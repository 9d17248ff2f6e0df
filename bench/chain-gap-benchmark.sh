#!/usr/bin/env bash
# Chain-gap report (产业链缺口分析报告) timing on the demo data: one `report chain-gap SEW --out FILE` (a fresh process:
# start-up, Chromium launch, analysis, print), then `report chain-gap-monthly` (what the monthly job does: every
# chain in zh-CN and en on one warm browser) and its median per report, then the same again (stores nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in /usr/bin/chromium /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc; do
    [ -e "$tool" ] || { echo "$tool is missing: apt-get install chromium fonts-noto-cjk" >&2; exit 1; }
done
echo "== build (Release)"
dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >/dev/null
dll=src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll
export ConnectionStrings__Default="Data Source=$work/bench.db"
export Database__Provider=Sqlite
export INVESTMENTCRM_CULTURE=${CULTURE:-zh-CN}
echo "== data"
dotnet "$dll" seed-demo >/dev/null
echo "== report chain-gap SEW --out $work/x.pdf"
start=$(date +%s%N)
dotnet "$dll" report chain-gap SEW --out "$work/x.pdf"
echo "   whole command: $(( ($(date +%s%N) - start) / 1000000 )) ms"
echo "== report chain-gap-monthly (the monthly job's work)"
dotnet "$dll" report chain-gap-monthly
echo "== again in the same month"
dotnet "$dll" report chain-gap-monthly
