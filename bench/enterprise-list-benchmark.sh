#!/usr/bin/env bash
# The enterprise list (/enterprises) at scale, app beside floor: 100,000 enterprises and the 500-node BULK chain
# (seed-demo + seed-bulk --chain-nodes 500 --enterprises 100000 --projects 20000, the database the chain and gap
# benchmarks use, seeded once and cached: see bench/lib.sh). The floor runs the list's own count and page
# statements, unfiltered, in the page's sort, on the same file; the app adds its filter choices (regions and chain
# nodes, cached with the data versions: Features/Enterprises/EnterpriseChoices), the layout, identity, antiforgery
# and localization. The target is at least half the floor's throughput under 20 connections.
#   NODES=500 ENTERPRISES=100000 PROJECTS=20000 RUNS=20 DURATION=10s bench/enterprise-list-benchmark.sh
. "$(dirname "$0")/lib.sh"

bench_bulk_beside_floor
bench_sign_in staff1@demo.local
echo "   $(bench_sql "SELECT COUNT(*) FROM Enterprises") enterprises, $(bench_sql "SELECT COUNT(*) FROM ChainNodes") chain nodes," \
    "$(bench_sql "SELECT COUNT(*) FROM (SELECT DISTINCT Province, City FROM Enterprises WHERE Province IS NOT NULL)") regions"

list="q=Features.Enterprises.EnterpriseList.Count&q=Features.Enterprises.EnterpriseList.Page&Skip=0&Take=25"
bench_header
bench_compare "/enterprises" "$list&orderby=e.Name%20ASC,%20e.Id%20ASC"
bench_compare "/enterprises?sort=-revenue" "$list&orderby=e.AnnualRevenueWan%20DESC,%20e.Id%20DESC"
# The same SQL plus the choices' two statements, as the page ran them on every request before they were cached.
bench_measure "  same SQL + choices' SQL (before)" floor "$BENCH_FLOOR_PID" \
    "$BENCH_FLOOR_URL/sql?$list&q=Features.Enterprises.EnterpriseList.NodeOptions&q=Features.Enterprises.EnterpriseList.Regions&orderby=e.Name%20ASC,%20e.Id%20ASC"
