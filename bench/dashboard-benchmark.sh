#!/usr/bin/env bash
# The dashboard (/) at 20,000 projects, app beside floor: the chain and gap benchmarks' database (seed-demo +
# seed-bulk --chain-nodes 500 --enterprises 100000 --projects 20000, seeded once and cached: see bench/lib.sh),
# one request at a time and under 20 connections (wrk), as an admin (every project) and as a staff member (own
# and team's). The floor runs the dashboard's own statements for the same scope on the same file: what computing
# the figures costs per view, as every view did before they were cached per scope and day
# (Features/Dashboard/DashboardCache). Then the first view after a write (COLD_RUNS times: a write to Projects,
# then one view), which computes them again. Targets: 200 req/s under 20 connections, p95 under 150 ms.
#   NODES=500 ENTERPRISES=100000 PROJECTS=20000 RUNS=20 DURATION=10s COLD_RUNS=10 bench/dashboard-benchmark.sh
. "$(dirname "$0")/lib.sh"

bench_bulk_beside_floor
bench_sign_in staff1@demo.local
staff_lua=$BENCH_WRK_LUA staff_jar=$BENCH_JAR
bench_sign_in admin@demo.local
staff1=$(bench_sql "SELECT Id FROM Users WHERE Email = 'staff1@demo.local'")
team1=$(bench_sql "SELECT TeamId FROM Users WHERE Email = 'staff1@demo.local'")
echo "   $(bench_sql "SELECT COUNT(*) FROM Projects") projects, $(bench_sql "SELECT COUNT(*) FROM Activities") follow-ups;" \
    "staff1 sees $(bench_sql "SELECT COUNT(*) FROM Projects WHERE OwnerUserId = $staff1 OR TeamId = $team1")"

# The dashboard's statements with the parameters it passes today (the quiet cut-offs of the default 30/60 days;
# a cut-off day ends at 16:00 UTC, midnight in Asia/Shanghai).
read -r today year yellow yellow_end red red_end <<<"$(python3 -c '
import datetime
t = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
y, r = t - datetime.timedelta(days=30), t - datetime.timedelta(days=60)
print(t.isoformat(), t.year, y.isoformat(), f"{y.isoformat()}T16:00:00", r.isoformat(), f"{r.isoformat()}T16:00:00")')"
figures="q=Infrastructure.Data.DataVersions.All"
for statement in Totals Funnel Overdue ByChain ByOwner OverdueList QuietList; do
    figures+="&q=Features.Dashboard.IndexModel.$statement"
done
figures+="&q=Features.Dashboard.SigningTargets.Bureau"
# The signings by month of the current year (Features/Dashboard/SigningTrend), cached beside the figures.
for statement in ByTeamAndDay SignedSpan Teams; do
    figures+="&q=Features.Dashboard.SigningTrend.$statement"
done
figures+="&SignedFrom=$year-01-01&SignedBefore=$((year + 1))-01-01&OneYi=10000&TenYi=100000&Today=$today"
figures+="&YellowOn=$yellow&YellowEndUtc=${yellow_end/T/%20}&RedOn=$red&RedEndUtc=${red_end/T/%20}&Take=10&Skip=0&Year=$year&MattersDueBefore=$today"

bench_header
bench_compare "/" "$figures&ScopeAll=1&ScopeUserId=0&ScopeTeamId="
BENCH_WRK_LUA=$staff_lua BENCH_JAR=$staff_jar bench_compare "/" "$figures&ScopeAll=0&ScopeUserId=$staff1&ScopeTeamId=$team1"

bench_after_write "view" "/"
