#!/usr/bin/env bash
# Weekly digest on a large pipeline: N projects (default 100000) with stage changes and follow-ups spread over
# 2026, 50 staff, 2 leaders. Times `digest --week 2026-W48 --dry-run` (builds every digest, writes nothing) and
# the real run (queues and writes every digest to a pickup directory), then a second run (sends nothing new).
# Usage: bench/digest.sh [PROJECTS]
set -euo pipefail
cd "$(dirname "$0")/.."
projects="${1:-100000}"
work="$(mktemp -d)"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT; echo "work dir: $work" >&2
export ConnectionStrings__Default="Data Source=$work/bench.db"
export Email__PickupDirectory="$work/mail"
export INVESTMENTCRM_CULTURE=en

dotnet build src/InvestmentCrm.Web -c Release -v q -nologo >/dev/null
app="src/InvestmentCrm.Web/bin/Release/net10.0/InvestmentCrm.Web.dll"
dotnet "$app" migrate >/dev/null

python3 - "$work/bench.db" "$projects" <<'PY'
import random, sqlite3, sys, datetime as dt
db, n = sys.argv[1], int(sys.argv[2])
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
leaders = [user(i, "LEADER", None) for i in range(2)]
staff = [user(i + 2, "STAFF", 1 + i % 2) for i in range(50)]
c.executemany("INSERT INTO Enterprises (Uscc, Name, NameKey, Kind, CreatedAtUtc, UpdatedAtUtc) VALUES (?, ?, ?, 'prospect', ?, ?)",
              [(f"BENCH{i:013d}", f"企业{i}", f"企业{i}", now, now) for i in range(1000)])
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
    rows.append((i, f"BX-{i:07d}", f"项目{i}", 1 + i % 1000, stage, owner, 1 + staff.index(owner) % 2, random.randrange(100, 90000), signed,
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

time_it() { local t0 t1; t0=$(date +%s.%N); "$@" >"$work/out.txt"; t1=$(date +%s.%N); python3 -c "print(f'{$t1-$t0:.2f}')"; }
[ -n "${SEED_ONLY:-}" ] && exit 0
echo "digest --dry-run (52 digests): $(time_it dotnet "$app" digest --week 2026-W48 --dry-run) s"
tail -1 "$work/out.txt"
echo "digest, queue and send (52 digests): $(time_it dotnet "$app" digest --week 2026-W48) s"
tail -1 "$work/out.txt"
echo "digest again, nothing new: $(time_it dotnet "$app" digest --week 2026-W48) s"
tail -1 "$work/out.txt"
echo "eml files written: $(ls "$work/mail" | wc -l)"
