#!/usr/bin/env bash
# Runs the whole test suite: unit, integration (real SQLite files, HTTP), command line, browser and PDF tests.
# Installs what the tests use (Debian packages when run as root; npm packages through the build).
# SQL Server tests run when INVESTMENTCRM_SQLSERVER holds a connection string, and are reported as skipped otherwise.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh
require_dotnet || exit 1
if ! require_packages "tests" nodejs npm fontconfig chromium fonts-noto-cjk poppler-utils python3-aiosmtpd; then
  # Outside CI the tests that need a missing tool fail with the same message; in CI nothing may be skipped.
  [ "${CI:-}" = "true" ] && exit 1
fi
# The PDF reports' font (Brief SC), built once per machine (about 3 minutes the first time); the PDF tests need it.
if ! ensure_pdf_font; then
  [ "${CI:-}" = "true" ] && exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
# A test that hangs is stopped after 10 minutes and reported by name (the whole suite takes about 3), instead of
# holding the run until CI gives up on it.
# Each test host watches its settings and static files. With inotify, many hosts at once (and other builds on the
# machine) exhaust the per-user limit of 128 instances and hosts fail to start; polling costs little.
export DOTNET_USE_POLLING_FILE_WATCHER=true
dotnet test InvestmentCrm.sln --blame-hang-timeout 10m --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line for CI: "N passed, N failed, N skipped".
summary=$(grep -E '(Passed|Failed)!\s+-\s+Failed:' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  failed=$(sed -E 's/.*Failed:\s+([0-9]+).*/\1/' <<<"$summary")
  passed=$(sed -E 's/.*Passed:\s+([0-9]+).*/\1/' <<<"$summary")
  skipped=$(sed -E 's/.*Skipped:\s+([0-9]+).*/\1/' <<<"$summary")
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
fi
exit "$status"
