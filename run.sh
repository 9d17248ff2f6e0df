#!/usr/bin/env bash
# Runs InvestmentCrm on http://localhost:5000 with a SQLite database under src/InvestmentCrm.Web/App_Data,
# migrations applied and the Jiaojiang demo data loaded. Sign in as admin@demo.local / Demo@2026.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh
require_dotnet || exit 1
# npm restores the front-end packages during the build; chromium and the CJK font print the PDF reports.
require_packages "app" nodejs npm fontconfig chromium fonts-noto-cjk
# The PDF reports' font, built once per machine (about 3 minutes the first time).
ensure_pdf_font

export Demo__SeedOnStart=true
exec dotnet run --project src/InvestmentCrm.Web --urls "${URLS:-http://localhost:5000}" "$@"
