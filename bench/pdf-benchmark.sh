#!/usr/bin/env bash
# PDF benchmark: a fresh SQLite database with the demo data, then `report briefs`, which prints one brief cold
# (starting Chromium), then COUNT-1 more on the warm shared browser and page pool (Pdf:Pages at once), cycling
# through the stored projects, and reports briefs per second with the cold, median and p95 times of one brief.
#   COUNT=200 PAGES=3 CULTURE=zh-CN bench/pdf-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-200}
PAGES=${PAGES:-3}
CULTURE=${CULTURE:-zh-CN}

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
export Pdf__Pages=$PAGES
export INVESTMENTCRM_CULTURE=$CULTURE

echo "== data"
dotnet "$dll" seed-demo
echo "== $COUNT briefs ($CULTURE), $PAGES pages at once, on $(nproc) cores"
dotnet "$dll" report briefs --count "$COUNT" --out "$work/briefs"
echo "   $(ls "$work/briefs" | wc -l) files, $(du -sh "$work/briefs" | cut -f1) in all"
