"""The frames that held the CPU in a dotnet-trace speedscope file (bench/profile-page.sh).

The sample profiler records every managed thread each millisecond, running or not, so a plain total is mostly idle
threads. A sample counts here only when its stack is request work: it runs a frame of the app or ASP.NET Core and
none of the frames of a thread waiting for work."""
import collections
import json
import sys

WAITING = ("LowLevelLifoSemaphore", "WaitHandle.Wait", "Monitor.Wait", "SocketAsyncEngine.EventLoop", "Thread.Sleep",
           "WaitSubsystem", "LowLevelMonitor", "GateThread", "TimerQueue.TimerThread", "ThreadPoolWorkQueue.Dispatch()+WaitForWork")
WORK = ("InvestmentCrm", "Microsoft.AspNetCore", "Microsoft.Data.Sqlite", "Dapper", "Microsoft.Extensions")

data = json.load(open(sys.argv[1]))
names = [f["name"] for f in data["shared"]["frames"]]
inclusive = collections.Counter()
leaf = collections.Counter()
total = 0.0
for profile in data["profiles"]:
    stack, last = [], None
    for event in profile["events"]:
        if last is not None and stack:
            weight = event["at"] - last
            frames = [names[i] for i in stack]
            if weight > 0 and not any(w in f for f in frames for w in WAITING) and any(f.startswith(WORK) for f in frames):
                total += weight
                for f in set(frames):
                    inclusive[f] += weight
                leaf[frames[-1]] += weight
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        elif stack:
            stack.pop()

def short(name, width=150):
    return name if len(name) <= width else name[: width - 1] + "…"

print(f"request work: {total:.0f} ms of samples")
print("\ninclusive (frames of the app and of the libraries it calls):")
for name, weight in inclusive.most_common(400):
    if any(k in name for k in ("InvestmentCrm", "Razor", "Mvc", "Dapper", "Sqlite", "Identity", "Antiforgery", "Localization", "Authentication", "Routing", "TagHelper", "Json")):
        print(f"{100 * weight / total:6.1f} %  {short(name)}")
print("\nself (where the time is spent):")
for name, weight in leaf.most_common(40):
    print(f"{100 * weight / total:6.1f} %  {short(name)}")
