#!/usr/bin/env bash
# Runs the whole test suite with the clock at 00:30 and at 23:30 Asia/Shanghai, and once beside two CPU-burning
# processes: the hours and the load at which tests that read the wall clock, wait for a fixed time or race a schedule
# fail. Not part of ./test.sh or CI: three full runs take 30–60 minutes on a 2-core machine.
#
#   scripts/test-at-hours.sh            all three runs
#   scripts/test-at-hours.sh 00:30      one run (00:30, 23:30 or hogs)
#   DATE=2027-01-01 scripts/test-at-hours.sh 00:30   the Shanghai date of the faked hours (default: tomorrow)
#   FILTER='FullyQualifiedName~Digest' scripts/test-at-hours.sh   only some tests (dotnet test --filter)
#
# The clock is faked with libfaketime (Debian package faketime), which .NET reads through clock_gettime: the run
# starts at the given instant and the clock then runs on normally. The suite's processes are told the time zone is
# UTC, so the faked hour is the only thing that differs from an ordinary run; the app shows times in App:TimeZone
# (Asia/Shanghai) as it always does.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/prerequisites.sh
require_dotnet || exit 1
require_packages "tests at fixed hours" faketime || exit 1

day=${DATE:-$(date -u -d tomorrow +%F)}
runs=("$@")
[ ${#runs[@]} -gt 0 ] || runs=(00:30 23:30 hogs)

dotnet build InvestmentCrm.sln 2>&1 | grep -E " error |Build succ" || true

hogs=()
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  hogs=()
}
trap stop_hogs EXIT

# As in test.sh: file watchers poll (many hosts at once exhaust the 128 inotify instances a user may have). Under
# load the test host can take longer than vstest's 90 s to connect; that is the machine, not a test.
export DOTNET_USE_POLLING_FILE_WATCHER=true VSTEST_CONNECTION_TIMEOUT=600
status=0
for run in "${runs[@]}"; do
  args=(dotnet test InvestmentCrm.sln --no-build --blame-hang-timeout 10m --blame-hang-dump-type none)
  [ -n "${FILTER:-}" ] && args+=(--filter "$FILTER")
  case "$run" in
    00:30|23:30)
      # Shanghai is UTC+8 all year: 00:30 there is 16:30 UTC the day before.
      utc=$(date -u -d "$day $run +0800" '+%F %T')
      label="$run Asia/Shanghai ($utc UTC)"
      command=(env TZ=UTC faketime "$utc" "${args[@]}")
      ;;
    hogs)
      yes > /dev/null & hogs+=($!)
      yes > /dev/null & hogs+=($!)
      label="beside two CPU hogs"
      command=("${args[@]}")
      ;;
    *)
      echo "Unknown run '$run': use 00:30, 23:30 or hogs." >&2
      exit 2
      ;;
  esac

  log=$(mktemp)
  started=$(date +%s)
  echo "== Suite at $label"
  set +e
  "${command[@]}" > "$log" 2>&1
  code=$?
  set -e
  stop_hogs
  summary=$(grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" | tail -n 1 || true)
  grep -E '^\s+Failed ' "$log" || true
  echo "== $label: ${summary:-no summary (see $log)}; $(( $(date +%s) - started )) s"
  [ "$code" -eq 0 ] && rm -f "$log" || status=1
done
exit "$status"
