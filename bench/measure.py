#!/usr/bin/python3
"""Runs one command and prints what it cost: bench/run's import comparison times both sides with
it, `copilot import jobs` and `bare_insert load`, the same way.

  measure.py [--pg DATADIR] OUT COMMAND...

COMMAND's standard output goes to OUT. Prints "WALL CPU SERVER_CPU" in seconds: WALL from the
command's start to its exit (this script's start is outside it), CPU the command's user + system
time (all its threads, from wait4), SERVER_CPU the PostgreSQL cluster's user + system time over
the same window (0 without --pg): its postmaster's own and reaped children's times plus its live
children's, sampled before the start and after the exit, once the backends the command started
have exited and been reaped (the total unchanged for 0.2 s, at most 3 s of waiting). The cluster's figure counts its background
processes too (checkpointer, autovacuum), which is why bench/run checkpoints before each side
and drops each round's databases. Clock ticks of 10 ms: a figure of seconds is what it is for.
"""
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
SETTLE = 0.2


def stat_fields(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    return text[text.rindex(")") + 2:].split()  # fields from the 3rd (state) on


def children(ppid):
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            fields = stat_fields(name)
        except OSError:
            continue
        if int(fields[1]) == ppid:  # field 4: ppid
            kids[int(name)] = (int(fields[11]) + int(fields[12])) / TICK  # utime + stime
    return kids


def cluster_cpu(postmaster):
    """The cluster's CPU seconds so far and the pids of its live processes."""
    f = stat_fields(postmaster)
    own = sum(int(x) for x in f[11:15]) / TICK  # utime stime cutime cstime
    kids = children(postmaster)
    return own + sum(kids.values()), set(kids)


def main(argv):
    postmaster = None
    if len(argv) > 2 and argv[0] == "--pg":
        with open(os.path.join(argv[1], "data", "postmaster.pid")) as f:
            postmaster = int(f.readline())
        argv = argv[2:]
    if len(argv) < 2:
        sys.exit("usage: measure.py [--pg DATADIR] OUT COMMAND...")
    out, command = argv[0], argv[1:]
    before, pids = cluster_cpu(postmaster) if postmaster else (0.0, set())
    with open(out, "wb") as stdout:
        t0 = time.monotonic()
        child = subprocess.Popen(command, stdout=stdout)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - t0
    server = 0.0
    if postmaster:
        # the command's backends exited: their times reach the postmaster's reaped children's
        # once it has waited for them, a moment later (an exiting process leaves /proc's list
        # before that): wait until no new process is left and the total held for SETTLE s
        deadline, last, since = time.monotonic() + 3, None, time.monotonic()
        while True:
            after, now = cluster_cpu(postmaster)
            t = time.monotonic()
            if after != last or not now <= pids:
                last, since = after, t
            if t - since >= SETTLE or t > deadline:
                break
            time.sleep(0.02)
        server = after - before
    print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {server:.3f}")
    code = os.waitstatus_to_exitcode(status)
    if code:
        sys.exit(f"measure.py: {command[0]} exited with {code}")


if __name__ == "__main__":
    main(sys.argv[1:])
