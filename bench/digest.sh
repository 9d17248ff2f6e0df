#!/usr/bin/env bash
# Weekly digest on a large pipeline: N projects (default 100000) with stage changes and follow-ups spread over
# 2026, STAFF staff (default 980) in two teams and LEADERS leaders (default 20): 1,000 digests. Times
# `digest --week 2026-W48 --dry-run` (builds every digest, writes nothing), the real run (builds, queues and
# delivers every digest to a pickup directory) and a second run (sends nothing new), each with the process's start,
# and prints the app's CPU time and the load average.
# Usage: STAFF=980 LEADERS=20 bench/digest.sh [PROJECTS]
. "$(dirname "$0")/lib.sh"
projects="${1:-100000}"
staff_count="${STAFF:-980}"
leader_count="${LEADERS:-20}"
work="$BENCH_WORK"
export ConnectionStrings__Default="Data Source=$work/bench.db"
export Email__PickupDirectory="$work/mail"

bench_build
app="$BENCH_DLL"
dotnet "$app" migrate >/dev/null
# The enterprises come from the app: their inserts feed the FTS5 search index (migration 0019), whose options the
# SQLite of Debian's python3 (3.40) does not know.
dotnet "$app" seed-bulk --enterprises 1000 >/dev/null

python3 - "$work/bench.db" "$projects" "$staff_count" "$leader_count" <<'PY'
import random, sqlite3, sys, datetime as dt
db, n, staff_count, leader_count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
random.seed(42)
c = sqlite3.connect(db)
now = "2026-01-05 00:00:00"
c.execute("INSERT INTO Teams (Name, CreatedAtUtc) VALUES ('招商一科', ?), ('招商二科', ?)", (now, now))
def user(i, role, team):
    e = f"u{i}@bench.local"
    c.execute("""INSERT INTO Users (UserName, NormalizedUserName, Email, NormalizedEmail, DisplayName, SecurityStamp, ConcurrencyStamp, TeamId, Culture, CreatedAtUtc)
                 VALUES (?, ?, ?, ?, ?, 's', 's', ?, ?, ?)""", (e, e.upper(), e, e.upper(), f"用户{i}", team, "zh-CN" if i % 2 else "en", now))
    uid = c.execute("SELECT last_insert_rowid()").fetchone()[0]
    c.execute("INSERT INTO UserRoles (UserId, RoleId) SELECT ?, Id FROM Roles WHERE NormalizedName = ?", (uid, role))
    return uid
leaders = [user(i, "LEADER", None) for i in range(leader_count)]
staff = [user(i + leader_count, "STAFF", 1 + i % 2) for i in range(staff_count)]
enterprises = [row[0] for row in c.execute("SELECT Id FROM Enterprises ORDER BY Id")]
c.execute("INSERT INTO TeamTargets (Year, TeamId, TargetWan, UpdatedAtUtc) VALUES (2026, NULL, 5000000, ?), (2026, 1, 3000000, ?), (2026, 2, 2000000, ?)", (now, now, now))
stages = ["lead", "contacted", "site_visit", "negotiation", "signed", "started", "in_production", "on_hold", "lost"]
start = dt.datetime(2026, 1, 1)
rows, changes, acts = [], [], []
for i in range(1, n + 1):
    created = start + dt.timedelta(minutes=random.randrange(0, 330 * 24 * 60))
    stage = random.choice(stages)
    owner = random.choice(staff)
    signed = (created + dt.timedelta(days=random.randrange(0, 30))).date().isoformat() if stage in ("signed", "started", "in_production") else None
    last = (created + dt.timedelta(days=random.randrange(0, 60))).date().isoformat()
    rows.append((i, f"BX-{i:07d}", f"项目{i}", enterprises[i % len(enterprises)], stage, owner, 1 + staff.index(owner) % 2, random.randrange(100, 90000), signed,
                 signed and random.randrange(100, 90000), last, created.isoformat(" "), created.isoformat(" ")))
    for k in range(2):
        changes.append((i, stages[k], stages[k + 1], (created + dt.timedelta(days=3 + k * 10)).isoformat(" ")))
    for k in range(3):
        due = (created + dt.timedelta(days=7 + k * 14)).date()
        acts.append((i, (due - dt.timedelta(days=7)).isoformat(), f"跟进{k}", due.isoformat(), None if random.random() < 0.3 else now, now))
c.executemany("""INSERT INTO Projects (Id, Code, Title, EnterpriseId, Stage, Source, OwnerUserId, TeamId, PlannedInvestmentWan, SignedOn, ContractedInvestmentWan,
                 LastActivityOn, CreatedAtUtc, UpdatedAtUtc) VALUES (?, ?, ?, ?, ?, 'referral', ?, ?, ?, ?, ?, ?, ?, ?)""", rows)
c.executemany("INSERT INTO ProjectStageChanges (ProjectId, FromStage, ToStage, ChangedAtUtc) VALUES (?, ?, ?, ?)", changes)
c.executemany("""INSERT INTO Activities (ProjectId, Kind, OccurredOn, Summary, NextStep, NextStepDueOn, NextStepDoneAtUtc, CreatedAtUtc)
                 VALUES (?, 'call', ?, '电话', ?, ?, ?, ?)""", acts)
c.commit()
print(f"seeded {n} projects, {len(changes)} stage changes, {len(acts)} activities, {len(staff)} staff, {len(leaders)} leaders")
PY

# Wall time and CPU time (user + system, children included) of one command line of the app.
time_it() {
    local t0 t1
    t0=$(date +%s.%N)
    /usr/bin/env time -f '%U %S' -o "$work/cpu.txt" dotnet "$app" "$@" >"$work/out.txt"
    t1=$(date +%s.%N)
    python3 -c "import sys; u, s = open(sys.argv[3]).read().split()[-2:]; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f} s wall, {float(u) + float(s):.1f} s CPU')" "$t0" "$t1" "$work/cpu.txt"
}
[ -n "${SEED_ONLY:-}" ] && exit 0
digests=$((staff_count + leader_count))
echo "digest --dry-run ($digests digests): $(time_it digest --week 2026-W48 --dry-run); load average $(bench_load_average)"
tail -1 "$work/out.txt"
echo "digest, queue and deliver ($digests digests): $(time_it digest --week 2026-W48); load average $(bench_load_average)"
tail -1 "$work/out.txt"
echo "digest again, nothing new: $(time_it digest --week 2026-W48); load average $(bench_load_average)"
tail -1 "$work/out.txt"
echo "eml files written: $(find "$work/mail" -name '*.eml' | wc -l)"
