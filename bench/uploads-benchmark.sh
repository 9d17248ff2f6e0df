#!/usr/bin/env bash
# Hostile uploads against a running Release app, its resident memory sampled every 50 ms while each is answered:
#   1. an XLSX zip bomb: a ~0.3 MB workbook whose one sheet expands to ~200 million characters (/enterprises/import);
#   2. a shared-string bomb: the same, in the shared string table;
#   3. a 19 MB CSV of 715,502 bad land rows (/land/import), with the default limits (refused for its row count) and
#      again with Import__MaxRows=1000000, so that every row is checked and the report is capped;
#   4. a 200 MB upload (over the request limit).
# Prints for each: wall time, peak RSS of the app and the answer's message; fails if a peak is 300 MB or more.
# Usage: bench/uploads-benchmark.sh. Needs curl and python3.
set -euo pipefail
[ -n "${BENCH_DEBUG:-}" ] && set -x
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'kill "${app_pid:-0}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
export INVESTMENTCRM_CULTURE=en

dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >/dev/null
dll=src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll

python3 - "$work" <<'PY'
import sys, zipfile
work = sys.argv[1]
main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
def workbook(path, sheet_chunks, shared_chunks=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(f'<worksheet xmlns="{main}"><sheetData>'.encode())
            for chunk in sheet_chunks():
                f.write(chunk)
            f.write(b"</sheetData></worksheet>")
        if shared_chunks:
            with z.open("xl/sharedStrings.xml", "w") as f:
                f.write(f'<sst xmlns="{main}">'.encode())
                for chunk in shared_chunks():
                    f.write(chunk)
                f.write(b"</sst>")
row = b'<row><c t="inlineStr"><is><t>' + b"A" * 200 + b"</t></is></c></row>"
workbook(f"{work}/sheet-bomb.xlsx", lambda: (row * 1000 for _ in range(200_000_000 // len(row) // 1000)))
si = b"<si><t>" + b"B" * 100 + b"</t></si>"
workbook(f"{work}/strings-bomb.xlsx", lambda: [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
         lambda: (si * 1000 for _ in range(200_000_000 // len(si) // 1000)))
with open(f"{work}/bad-land.csv", "w", encoding="utf-8", newline="\n") as f:
    f.write("uscc,year,land_mu,output_wan,tax_wan,investment_wan,employees,rd_wan,energy_tce\n")
    for i in range(715_502):
        f.write(f"BAD{i:07d},2020,zero,1,1,,,,\n")
with open(f"{work}/huge.csv", "wb") as f:
    f.truncate(200 * 1024 * 1024)
PY
ls -l "$work"/*.xlsx "$work"/*.csv | awk '{printf "%s %.1f MB\n", $NF, $5 / 1048576}' | sed "s|$work/||"

start_app() { # extra environment as arguments
  db="$work/bench-$RANDOM.db"
  PORT="$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")"
  base="http://127.0.0.1:$PORT"
  env "$@" ConnectionStrings__Default="Data Source=$db" Demo__SeedOnStart=true ASPNETCORE_URLS="$base" dotnet "$dll" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
  jar="$work/cookies"; rm -f "$jar"
  for _ in $(seq 1 60); do
    token=$(curl -fs -c "$jar" "$base/account/login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    status=$(curl -s -b "$jar" -c "$jar" -o /dev/null -w '%{http_code}' -X POST "$base/account/login" \
      --data-urlencode "Form.Email=leader@demo.local" --data-urlencode "Form.Password=Demo@2026" --data-urlencode "__RequestVerificationToken=$token")
    [ "$status" = 302 ] && break; sleep 0.5 # the demo users are seeded just after start
  done
  echo "app started (pid $app_pid), idle RSS $(( $(ps -o rss= -p "$app_pid") / 1024 )) MB"
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; }

peak_over=0
upload() { # page file
  local page=$1 file=$2 token peak=0 rss out="$work/answer.html"
  token=$(curl -fs -b "$jar" "$base$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  local t0; t0=$(date +%s.%N)
  curl -s -L -b "$jar" -c "$jar" -o "$out" -F "file=@$work/$file" -F "__RequestVerificationToken=$token" "$base$page" &
  local curl_pid=$!
  while kill -0 "$curl_pid" 2>/dev/null; do
    rss=$(ps -o rss= -p "$app_pid" || echo 0); [ "$rss" -gt "$peak" ] && peak=$rss
    sleep 0.05
  done
  wait "$curl_pid" || true
  local t1; t1=$(date +%s.%N)
  local message; message=$(python3 -c '
import html, re, sys
page = open(sys.argv[1], encoding="utf-8", errors="replace").read()
found = re.findall(r"data-testid=\"(?:file-error|more-problems)\"[^>]*>(.*?)</", page, re.S) or re.findall(r"<p class=\"mb-2\">(.*?)</p>", page, re.S)
print(" / ".join(html.unescape(re.sub(r"\s+", " ", m)).strip() for m in found)[:300] or "(no message) " + str(len(page)) + " bytes")' "$out")
  printf '%-18s -> %-20s %6.1f s, peak RSS %4d MB: %s\n' "$file" "$page" "$(echo "$t1 - $t0" | bc)" $((peak / 1024)) "$message"
  [ $((peak / 1024)) -lt 300 ] || peak_over=1
}

# A fresh app for each file: the server GC keeps what it once took, so one upload's peak would hide the next one's.
echo "== default limits"
for case in "/enterprises/import sheet-bomb.xlsx" "/enterprises/import strings-bomb.xlsx" "/land/import bad-land.csv" "/projects/import huge.csv"; do
  start_app
  upload $case
  stop_app
done

echo "== Import__MaxRows=1000000: every bad row checked, the report capped"
start_app Import__MaxRows=1000000
upload /land/import bad-land.csv
stop_app

[ "$peak_over" = 0 ] || { echo "FAILED: a peak RSS reached 300 MB"; exit 1; }
