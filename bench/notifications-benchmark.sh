#!/usr/bin/env bash
# The notifications count in the top bar of every page, at 20,000 projects (about 2,500 per Staff member) with their
# follow-ups, next steps, comments and stage history: what it costs a page. A page reads the data counters
# (DataVersions) and, when none of the tables the count reads changed, takes the count from the cache; after a write
# to any of them it recomputes the count (NotificationFeed.Sql.Count and the user's read time). Measured: the floor
# running those statements alone (bench/floor: the same SQL over bare ASP.NET Core + Dapper, so its time includes
# a minimal HTTP round trip), then a page of the app with the count cached and the first page after a write (by
# another process, and through the app).
# Target: the count costs a page under 5 ms. Data as bench/search-everywhere-benchmark.sh (cached, bench/lib.sh).
#   RUNS=40 bench/notifications-benchmark.sh
. "$(dirname "$0")/lib.sh"

bench_build
bench_build_floor
bench_contacts_database
bench_start_app
bench_start_floor

read -r today since <<<"$(python3 -c '
import datetime
t = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()
s = datetime.datetime.combine(t - datetime.timedelta(days=31), datetime.time(16))
print(t.isoformat(), s.strftime("%Y-%m-%d%%20%H:%M:%S"))')"

# The app's own writes: another user (the writer) opens their notifications menu, which stores their read time
# (NotificationReads, a table the count reads), so every reader's count is recomputed on their next page. A write by
# another process (bench_after_write's python) costs the next reads more than a write through the app: SQLite drops
# every connection's page cache after any write, and here the pages then came back slower after a foreign process's
# commit (measured: the count alone 4 ms after the app's write, 5–14 ms after python's). Both are printed.
bench_sign_in admin@demo.local
writer_jar=$BENCH_JAR
writer_token=$(curl -fs -b "$writer_jar" "$BENCH_APP_URL/help" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
after_app_write() { # label path
    local runs=${COLD_RUNS:-10} i before after
    echo
    echo "first $1 after a write by the app ($runs times: the writer opens their menu, then one GET $2):"
    before=$(_bench_cpu "$BENCH_APP_PID")
    for i in $(seq 1 "$runs"); do
        curl -fs -o /dev/null -b "$writer_jar" -H 'HX-Request: true' --data-urlencode "__RequestVerificationToken=$writer_token" \
            "$BENCH_APP_URL/notifications"
        curl -fs -o /dev/null -b "$BENCH_JAR" -w '%{time_total}\n' "$BENCH_APP_URL$2"
    done >"$BENCH_WORK/cold"
    after=$(_bench_cpu "$BENCH_APP_PID")
    python3 - "$BENCH_WORK/cold" "$(bench_load_average)" <<'PY'
import statistics, sys
ms = sorted(float(line) * 1000 for line in open(sys.argv[1]) if line.strip())
print(f"   wall min {ms[0]:.0f} / median {statistics.median(ms):.0f} / max {ms[-1]:.0f} ms; load average {sys.argv[2]}")
PY
}

for email in staff1@demo.local bulk-staff1@bulk.local; do
    bench_sign_in "$email"
    user=$(bench_sql "SELECT Id FROM Users WHERE Email = '$email'")
    team=$(bench_sql "SELECT TeamId FROM Users WHERE Id = $user")
    echo
    echo "$email: $(bench_sql "SELECT COUNT(*) FROM Projects WHERE OwnerUserId = $user") own projects," \
        "$(bench_sql "SELECT COUNT(*) FROM Projects WHERE TeamId = $team") in the team," \
        "$(bench_sql "SELECT COUNT(*) FROM Activities a JOIN Projects p ON p.Id = a.ProjectId WHERE p.OwnerUserId = $user AND a.NextStepDoneAtUtc IS NULL AND a.NextStepDueOn <= '$today'") next steps due or overdue"
    scope="ScopeAll=0&ScopeUserId=$user&ScopeTeamId=$team&UserId=$user&TeamId=$team"
    printf '%-52s | %-22s %8s | %s\n' "request" "min/med/p95" "CPU/req" "load average"
    for row in \
        "floor: counters (every page)|$BENCH_FLOOR_URL/sql?q=Infrastructure.Data.DataVersions.All|$BENCH_FLOOR_PID" \
        "floor: counters + read time + count (after a write)|$BENCH_FLOOR_URL/sql?q=Infrastructure.Data.DataVersions.All&q=Features.Notifications.NotificationFeed.ReadAt&q=Features.Notifications.NotificationFeed.Count&$scope&Today=$today&Since=$since|$BENCH_FLOOR_PID" \
        "app: /projects/mine (count cached)|$BENCH_APP_URL/projects/mine|$BENCH_APP_PID" \
        "app: /help (count cached)|$BENCH_APP_URL/help|$BENCH_APP_PID"; do
        IFS='|' read -r label url pid <<<"$row"
        line=($(_bench_single "$pid" "$url" -b "$BENCH_JAR"))
        printf '%-52s | %-22s %6s ms | %s\n' "$label" "${line[0]}/${line[1]}/${line[2]} ms" "${line[3]}" "$(bench_load_average)"
    done
    bench_after_write "/help (count recomputed)" "/help"
    after_app_write "/help (count recomputed)" "/help"
done
