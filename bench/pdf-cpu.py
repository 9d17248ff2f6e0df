#!/usr/bin/env python3
"""Runs a command that writes COUNT files into a folder (`report briefs --count COUNT --out FOLDER`) and measures
the CPU time of its whole process tree (the app and the Chromium it drives: user + system, including reaped
children) between the first file and the last, i.e. the warm batch without start-up and the cold first document.

    bench/pdf-cpu.py FOLDER COUNT COMMAND...

Prints one line: "CPU <ms per document> <documents measured> <wall seconds>". The machine may be shared, so wall
time depends on the neighbours; CPU per document does not, and cores / CPU per document is what the machine
prints when the documents have it to themselves.
"""
import os
import subprocess
import sys
import time

TICKS = os.sysconf('SC_CLK_TCK')


def tree_cpu(root):
    """CPU seconds of root and every live descendant (utime, stime, cutime, cstime)."""
    parents, cpu = {}, {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as stat:
                text = stat.read()
        except OSError:
            continue
        fields = text[text.rindex(')') + 2:].split()
        parents[int(entry)] = int(fields[1])
        cpu[int(entry)] = sum(int(f) for f in fields[11:15])
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sum(cpu.get(pid, 0) for pid in tree) / TICKS


def files(folder):
    return len(os.listdir(folder)) if os.path.isdir(folder) else 0


def main():
    folder, count, command = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    process = subprocess.Popen(command)
    first = last = None
    while process.poll() is None:
        written = files(folder)
        if first is None and written >= 1:
            first = (time.monotonic(), tree_cpu(process.pid), written)
        if first is not None and written >= count:
            last = (time.monotonic(), tree_cpu(process.pid), written)
            break
        time.sleep(0.05)
    code = process.wait()
    if code != 0:
        sys.exit(code)
    if first is None or last is None or last[2] <= first[2]:
        sys.exit('pdf-cpu: too few documents to measure a warm batch')
    measured = last[2] - first[2]
    print(f'CPU {(last[1] - first[1]) * 1000 / measured:.0f} {measured} {last[0] - first[0]:.2f}')


if __name__ == '__main__':
    main()
