#!/usr/bin/env bash
# CJK font candidates for the PDFs, compared on the real print path: for each family, the app prints COUNT Chinese
# prospect briefs of the demo projects with `report briefs` (one cold, then COUNT-1 on the warm pool of PAGES pages),
# the family set first in every document's font stack by Pdf:FontFamily (Noto Sans CJK SC stays the fallback, as
# in production). Per family: the CPU (app + Chromium) per warm brief and the briefs per second that gives on this
# machine's cores, the wall rate here, the median size of a two-page brief, Type 3 fonts per brief and the fonts
# embedded (pdffonts), then page 1 of the first brief (the same project for every family) drawn at 110 dpi into
# OUT/<family>.png beside its PDF, to look at. Prints a Markdown table, also written to OUT/pdf-fonts.md.
#   COUNT=20 PAGES=3 OUT=TestResults/pdf-fonts bench/pdf-fonts.sh ["Family" ...]
# About 4 minutes for the eight families on a quiet 2-core machine (10-30 s each, plus the build).
. "$(dirname "$0")/lib.sh"

COUNT=${COUNT:-20}
PAGES=${PAGES:-3}
OUT=${OUT:-TestResults/pdf-fonts}

# Family and the Debian package that ships it; Brief SC is built from fonts-noto-cjk by scripts/brief-font.py.
CANDIDATES=(
    "Brief SC|built from fonts-noto-cjk"
    "Noto Sans CJK SC|fonts-noto-cjk"
    "WenQuanYi Micro Hei|fonts-wqy-microhei"
    "WenQuanYi Zen Hei|fonts-wqy-zenhei"
    "Droid Sans Fallback|fonts-droid-fallback"
    "AR PL UMing CN|fonts-arphic-uming"
    "AR PL SungtiL GB|fonts-arphic-gbsn00lp"
    "LXGW WenKai|fonts-lxgw-wenkai"
)
installed_family() { [ -n "$(fc-list ":family=$1" family)" ]; }
probe_fonts_wqy_microhei() { installed_family "WenQuanYi Micro Hei"; }
probe_fonts_wqy_zenhei() { installed_family "WenQuanYi Zen Hei"; }
probe_fonts_droid_fallback() { installed_family "Droid Sans Fallback"; }
probe_fonts_arphic_uming() { installed_family "AR PL UMing CN"; }
probe_fonts_arphic_gbsn00lp() { installed_family "AR PL SungtiL GB"; }
probe_fonts_lxgw_wenkai() { installed_family "LXGW WenKai"; }

require_packages "PDF font comparison" chromium fonts-noto-cjk poppler-utils fonts-wqy-microhei fonts-wqy-zenhei \
    fonts-droid-fallback fonts-arphic-uming fonts-arphic-gbsn00lp fonts-lxgw-wenkai || exit 1
ensure_pdf_font
bench_build
bench_database "seed-demo"
export Pdf__Pages=$PAGES
export INVESTMENTCRM_CULTURE=zh-CN
mkdir -p "$OUT"

# Only the families named on the command line, when any.
if [ $# -gt 0 ]; then
    chosen=()
    for candidate in "${CANDIDATES[@]}"; do
        for family in "$@"; do [ "${candidate%%|*}" = "$family" ] && chosen+=("$candidate"); done
    done
    CANDIDATES=("${chosen[@]}")
fi

table="$OUT/pdf-fonts.md"
{
    echo "| family (Debian package) | CPU per warm brief | briefs/s on $(nproc) cores by CPU | wall briefs/s here | two-page brief, median | Type 3 fonts per brief | embedded (pdffonts) | load average |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$table"
echo "== $COUNT briefs (zh-CN) per family, $PAGES pages at once, on $(nproc) cores; pages drawn into $OUT"
for candidate in "${CANDIDATES[@]}"; do
    family=${candidate%%|*}
    package=${candidate#*|}
    slug=$(tr 'A-Z ' 'a-z-' <<<"$family")
    out="$BENCH_WORK/$slug"
    echo "-- $family ($package); load average before: $(bench_load_average)"
    Pdf__FontFamily="$family" python3 bench/pdf-cpu.py "$out" "$COUNT" \
        dotnet "$BENCH_DLL" report briefs --count "$COUNT" --out "$out" >"$BENCH_WORK/$slug.log"
    grep -v '^CPU ' "$BENCH_WORK/$slug.log" | sed 's/^/   /'
    read -r _ cpu_ms measured wall < <(grep '^CPU ' "$BENCH_WORK/$slug.log")
    first=$(find "$out" -name '0001-*.pdf' | head -1)
    cp "$first" "$OUT/$slug.pdf"
    pdftoppm -r 110 -f 1 -l 1 -png -singlefile "$first" "$OUT/$slug"
    python3 - "$family ($package)" "$cpu_ms" "$measured" "$wall" "$(nproc)" "$(bench_load_average)" "$out"/*.pdf <<'PY' | tee -a "$table"
import collections, os, re, statistics, subprocess, sys
label, cpu_ms, measured, wall, cores, load, files = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7:]
two_pages, type3, embedded = [], [], collections.Counter()
for f in files:
    info = subprocess.run(['pdfinfo', f], capture_output=True, text=True, check=True).stdout
    if int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1)) == 2:
        two_pages.append(os.path.getsize(f))
    lines = subprocess.run(['pdffonts', f], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    type3.append(sum(1 for line in lines if line[37:54].strip() == 'Type 3'))
    for line in lines:
        kind = line[37:54].strip()
        if kind != 'Type 3':
            embedded[f"{kind} {re.sub(r'^[A-Z]{6}[+]', '', line[:36].strip())}"] += 1
size = f"{statistics.median(two_pages) / 1024:.0f} KB" if two_pages else "no two-page brief"
fonts = ', '.join(name for name, _ in embedded.most_common()) or 'none'
print(f"| {label} | {cpu_ms:.0f} ms | {cores * 1000 / cpu_ms:.1f} | {measured / wall:.1f} | {size} | "
      f"{statistics.median(type3):.0f} (max {max(type3)}) | {fonts} | {load} |")
PY
done
echo "== table: $table; pages: $OUT/*.png"
