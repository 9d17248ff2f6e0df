#!/usr/bin/env bash
# Is this build slower than an older one? Builds both (the older one in a temporary git worktree), seeds each its
# own SQLite file the same way (seed-demo, seed-bulk --enterprises 2000, seed-bulk --projects N: the seeders are
# deterministic), starts both and times the project pages with curl, alternating one request to the old build and
# one to the new, so that whatever else the machine is doing slows both alike. Prints median and p95 per page and
# signed-in user (admin sees all projects, staff1 its team: the scope filter).
#   bench/compare-builds.sh [OLD_REF=4f26ca4] [PROJECTS=20000]    RUNS=40 per page and build
# 4f26ca4 is the last commit before the layout redesign (issue 16).
. "$(dirname "$0")/lib.sh"
old_ref="${1:-4f26ca4}"
projects="${2:-20000}"
runs="${RUNS:-40}"
old_tree="$BENCH_WORK/old"

bench_require_tools
git worktree add --detach "$old_tree" "$old_ref" >/dev/null 2>&1
trap 'bench_cleanup; git worktree remove --force "$old_tree" 2>/dev/null || true' EXIT

build_and_seed() { # tree database
    (cd "$1" && dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >"$2.build.log" 2>&1) || { cat "$2.build.log"; exit 1; }
    local app=("dotnet" "$1/$BENCH_DLL")
    ConnectionStrings__Default="Data Source=$2" "${app[@]}" seed-demo >/dev/null
    ConnectionStrings__Default="Data Source=$2" "${app[@]}" seed-bulk --enterprises 2000 >/dev/null
    ConnectionStrings__Default="Data Source=$2" "${app[@]}" seed-bulk --projects "$projects" >/dev/null
}

start() { # tree database port → pid
    (cd "$1" && ConnectionStrings__Default="Data Source=$2" exec dotnet "$BENCH_DLL" --urls "http://127.0.0.1:$3" >"$2.app.log" 2>&1) &
    local pid=$!
    BENCH_PIDS+=("$pid")
    _bench_wait_health "http://127.0.0.1:$3" "$pid" "$2.app.log"
    _bench_priority "$pid"
    echo "$pid"
}

sign_in() { # port email jar
    local page token
    page=$(curl -fs -c "$3" -b "$3" "http://127.0.0.1:$1/account/login")
    token=$(printf '%s' "$page" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//')
    curl -fs -o /dev/null -c "$3" -b "$3" --data-urlencode "Form.Email=$2" --data-urlencode "Form.Password=Demo@2026" \
        --data-urlencode "__RequestVerificationToken=$token" "http://127.0.0.1:$1/account/login"
}

stats() { sort -n | awk '{a[NR]=$1} END {i=int(NR*0.95); if (i<1) i=1; printf "%4.0f / %4.0f ms", a[int((NR+1)/2)]*1000, a[i]*1000}'; }

echo "== build and seed $old_ref (old) and $(git rev-parse --short HEAD) (new): $projects projects"
build_and_seed "$old_tree" "$BENCH_WORK/old.db"
build_and_seed "$PWD" "$BENCH_WORK/new.db"
old_port=$(bench_free_port)
start "$old_tree" "$BENCH_WORK/old.db" "$old_port" >/dev/null
new_port=$(bench_free_port)
start "$PWD" "$BENCH_WORK/new.db" "$new_port" >/dev/null
_bench_priority $$
for who in admin staff1; do
    sign_in "$old_port" "$who@demo.local" "$BENCH_WORK/old-$who.jar"
    sign_in "$new_port" "$who@demo.local" "$BENCH_WORK/new-$who.jar"
done

echo "== $runs requests per page and build, alternating; load average before: $(bench_load_average)"
printf '%-7s %-42s %-19s %-19s\n' user page "old median / p95" "new median / p95"
for path in "/projects" "/projects?sort=-investment&p=50" "/projects?q=%E6%99%BA%E8%83%BD&size=ge1" "/projects/board"; do
    for who in admin staff1; do
        : >"$BENCH_WORK/old.t"; : >"$BENCH_WORK/new.t"
        for build in old new; do # warm-up
            port_var="${build}_port"
            curl -fs -o /dev/null -b "$BENCH_WORK/$build-$who.jar" "http://127.0.0.1:${!port_var}$path"
        done
        for _ in $(seq 1 "$runs"); do
            curl -fs -o /dev/null -b "$BENCH_WORK/old-$who.jar" -w '%{time_total}\n' "http://127.0.0.1:$old_port$path" >>"$BENCH_WORK/old.t"
            curl -fs -o /dev/null -b "$BENCH_WORK/new-$who.jar" -w '%{time_total}\n' "http://127.0.0.1:$new_port$path" >>"$BENCH_WORK/new.t"
        done
        printf '%-7s %-42s %-19s %-19s\n' "$who" "$path" "$(stats <"$BENCH_WORK/old.t")" "$(stats <"$BENCH_WORK/new.t")"
    done
done
echo "== load average after: $(bench_load_average)"
