#!/usr/bin/env bash
# The monthly dispatch report (月度调度报告) at 20,000 projects, 50,000 funds-in-place entries and 10,000 coordination
# matters (seed-demo + seed-bulk --projects 20000 --funds 50000 --matters 10000, seeded once and cached: see
# bench/lib.sh): /reports/dispatch for last month as an admin (the bureau) and as a staff member (their team), one
# request at a time and under 20 connections (wrk), beside the floor running the page's statements for one period;
# then the PDF: `report dispatch --month … --out FILE` (a fresh process: start-up, Chromium, queries, print) twice,
# and the staff member's PDF button (printed at once on the warm app) RUNS_PDF times.
#   PROJECTS=20000 FUNDS=50000 MATTERS=10000 RUNS=20 DURATION=10s RUNS_PDF=5 bench/dispatch-benchmark.sh
. "$(dirname "$0")/lib.sh"
require_packages "PDF benchmark" chromium fonts-noto-cjk poppler-utils || exit 1
ensure_pdf_font
bench_build
bench_build_floor
bench_database "seed-demo" "seed-bulk --projects ${PROJECTS:-20000} --funds ${FUNDS:-50000} --matters ${MATTERS:-10000}"
bench_start_app
bench_start_floor
bench_sign_in staff1@demo.local
staff_lua=$BENCH_WRK_LUA staff_jar=$BENCH_JAR
bench_sign_in admin@demo.local
staff1=$(bench_sql "SELECT Id FROM Users WHERE Email = 'staff1@demo.local'")
team1=$(bench_sql "SELECT TeamId FROM Users WHERE Email = 'staff1@demo.local'")
echo "   $(bench_sql "SELECT COUNT(*) FROM Projects") projects, $(bench_sql "SELECT COUNT(*) FROM FundsInPlace") ledger entries," \
    "$(bench_sql "SELECT COUNT(*) FROM CoordinationMatters") matters, $(bench_sql "SELECT COUNT(*) FROM ProjectStageChanges") stage changes;" \
    "staff1 sees $(bench_sql "SELECT COUNT(*) FROM Projects WHERE OwnerUserId = $staff1 OR TeamId = $team1")"

# Last month in Asia/Shanghai, its bounds in UTC (a day starts at 16:00 UTC the day before), and the quiet cut-offs.
read -r month from before from_utc before_utc today yellow yellow_end red red_end <<<"$(python3 -c '
import datetime
d = datetime.timedelta
t = (datetime.datetime.now(datetime.timezone.utc) + d(hours=8)).date()
before = t.replace(day=1); start = (before - d(days=1)).replace(day=1)
utc = lambda day: f"{(day - d(days=1)).isoformat()}%2016:00:00"
y, r = t - d(days=30), t - d(days=60)
print(start.strftime("%Y-%m"), start.isoformat(), before.isoformat(), utc(start), utc(before), t.isoformat(),
      y.isoformat(), f"{y.isoformat()}%2016:00:00", r.isoformat(), f"{r.isoformat()}%2016:00:00")')"
statements="q=Features.Projects.ProjectLookups.Teams&q=Features.Reports.Dispatch.DispatchQueries.Targets"
for statement in Projects Funds MovedCount Moved HealthCounts Stalled Matters; do
    statements+="&q=Features.Reports.Dispatch.DispatchQueries.$statement"
done
statements+="&From=$from&Before=$before&SignedFrom=$from&SignedBefore=$before&FromUtc=$from_utc&BeforeUtc=$before_utc&Year=${month%-*}"
statements+="&YellowOn=$yellow&YellowEndUtc=$yellow_end&RedOn=$red&RedEndUtc=$red_end&MattersDueBefore=$today&Take=100&Skip=0"

bench_header
bench_compare "/reports/dispatch?month=$month" "$statements&ScopeAll=1&ScopeUserId=0&ScopeTeamId="
BENCH_WRK_LUA=$staff_lua BENCH_JAR=$staff_jar bench_compare "/reports/dispatch?month=$month" "$statements&ScopeAll=0&ScopeUserId=$staff1&ScopeTeamId=$team1"

echo
echo "== PDF: report dispatch --month $month --out FILE (whole command: process start, Chromium, queries, print)"
for i in 1 2; do
    start=$(date +%s%N)
    dotnet "$BENCH_DLL" report dispatch --month "$month" --out "$BENCH_WORK/dispatch-$i.pdf" | tail -1
    echo "   run $i: $(( ($(date +%s%N) - start) / 1000000 )) ms (load average $(bench_load_average))"
done
bench_pdf_summary "$BENCH_WORK/dispatch-1.pdf"

echo "== PDF: staff1's PDF button (printed at once by the warm app), ${RUNS_PDF:-5} times"
token=$(curl -fs -b "$staff_jar" "$BENCH_APP_URL/reports/dispatch?month=$month" \
    | python3 -c 'import re, sys; print(re.search(r"name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", sys.stdin.read()).group(1))')
for i in $(seq 1 "${RUNS_PDF:-5}"); do
    curl -fs -o "$BENCH_WORK/staff-$i.pdf" -b "$staff_jar" -w '%{time_total}\n' \
        --data-urlencode "month=$month" --data-urlencode "__RequestVerificationToken=$token" \
        "$BENCH_APP_URL/reports/dispatch?handler=Pdf"
done >"$BENCH_WORK/pdf-times"
python3 - "$BENCH_WORK/pdf-times" "$(bench_load_average)" <<'PY'
import statistics, sys
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
print(f"   wall min {ms[0]:.0f} / median {statistics.median(ms):.0f} / max {ms[-1]:.0f} ms; load average {sys.argv[2]}")
PY
