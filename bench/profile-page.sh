#!/usr/bin/env bash
# Where a page spends its CPU: the app on the bulk database (as the list benchmarks), signed in, loaded with wrk
# while dotnet-trace samples it; then bench/profile-summary.py prints the frames that held the CPU, inclusive and
# self, as shares of the samples taken in request work (threads waiting for work — idle thread-pool workers, the
# socket loop, timers — are left out: the sampler (dotnet-sampled-thread-time, ~100 Hz) records waiting threads too).
#   bench/profile-page.sh /enterprises [EMAIL] [SECONDS]      # dotnet-trace: dotnet tool install -g dotnet-trace
. "$(dirname "$0")/lib.sh"

page=${1:?usage: bench/profile-page.sh PATH [EMAIL] [SECONDS]}
email=${2:-staff1@demo.local}
seconds=${3:-20}
trace_tool=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
[ -x "$trace_tool" ] || { echo "dotnet-trace is missing: dotnet tool install -g dotnet-trace" >&2; exit 1; }

bench_build
bench_bulk_database
bench_start_app
bench_sign_in "$email"
_bench_single "$BENCH_APP_PID" "$BENCH_APP_URL$page" -b "$BENCH_JAR" >/dev/null # a check that it answers
# Under load first, so that the profile shows the JIT's final code, not its first tiers.
wrk -c "$CONNECTIONS" -t "$THREADS" -d "${WRK_WARMUP:-10s}" --timeout 30s -s "$BENCH_WRK_LUA" "$BENCH_APP_URL$page" >/dev/null
"$trace_tool" collect -p "$BENCH_APP_PID" --profile dotnet-sampled-thread-time --format speedscope --duration "00:00:$(printf '%02d' "$seconds")" \
    -o "$BENCH_WORK/trace.nettrace" >"$BENCH_WORK/trace.log" 2>&1 &
trace_pid=$!
sleep 2 # the session starts before the load does
wrk -c "$CONNECTIONS" -t "$THREADS" -d "$((seconds - 3))s" --timeout 30s -s "$BENCH_WRK_LUA" "$BENCH_APP_URL$page" | grep '^WRK '
wait "$trace_pid" || { cat "$BENCH_WORK/trace.log"; exit 1; }
python3 bench/profile-summary.py "$BENCH_WORK"/trace.speedscope.json
