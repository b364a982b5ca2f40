#!/usr/bin/python3
"""Runs one command and prints what it cost: bench/run's import comparison times both sides with
it, `copilot import jobs` and `bare_insert load`, the same way.

  measure.py [--pg DATADIR] [--machine [--pid PID]] OUT COMMAND...

COMMAND's standard output goes to OUT. Prints "WALL CPU SERVER_CPU" in seconds: WALL from the
command's start to its exit (this script's start is outside it), CPU the command's user + system
time (all its threads, from wait4), SERVER_CPU the PostgreSQL cluster's user + system time over
the same window (0 without --pg): its postmaster's own and reaped children's times plus its live
children's, sampled before the start and after the exit, once the backends the command started
have exited and been reaped (the total unchanged for 0.2 s, at most 3 s of waiting). The cluster's figure counts its background
processes too (checkpointer, autovacuum), which is why bench/run checkpoints before each side
and drops each round's databases. Clock ticks of 10 ms: a figure of seconds is what it is for.

--machine (bench/run's wrk runs, against a server that goes on after them) adds two figures,
"WALL CPU SERVER_CPU MACHINE PID_CPU": MACHINE the busy seconds of every CPU over the window
(/proc/stat: user, nice, system, irq, softirq, steal: everything on the machine, the other
processes too), PID_CPU the CPU of process PID and its descendants over it (the server: all
its threads; uvicorn's workers); and everything is sampled as the command exits, the
cluster's included (its backends serve the server's pool and live on: no waiting for them).
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


def machine_busy():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / TICK


def tree_cpu(pid):
    """CPU seconds so far of pid and its live descendants (0 for a process gone)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            f = stat_fields(p)
        except OSError:
            continue
        total += (int(f[11]) + int(f[12])) / TICK
        todo += list(children(p))
    return total


def main(argv):
    postmaster, machine, pid = None, False, None
    while argv and argv[0] in ("--pg", "--machine", "--pid"):
        if argv[0] == "--pg":
            with open(os.path.join(argv[1], "data", "postmaster.pid")) as f:
                postmaster = int(f.readline())
        elif argv[0] == "--pid":
            pid = int(argv[1])
        machine |= argv[0] == "--machine"
        argv = argv[1:] if argv[0] == "--machine" else argv[2:]
    if len(argv) < 2:
        sys.exit("usage: measure.py [--pg DATADIR] [--machine [--pid PID]] OUT COMMAND...")
    out, command = argv[0], argv[1:]
    before, pids = cluster_cpu(postmaster) if postmaster else (0.0, set())
    p0 = tree_cpu(pid) if pid else 0.0
    m0 = machine_busy() if machine else 0.0  # last before the start, first after the exit
    with open(out, "wb") as stdout:
        t0 = time.monotonic()
        child = subprocess.Popen(command, stdout=stdout)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - t0
    server = 0.0
    if machine:
        m1 = machine_busy()
        p1 = tree_cpu(pid) if pid else 0.0
        server = cluster_cpu(postmaster)[0] - before if postmaster else 0.0
        print(f"{wall:.3f} {usage.ru_utime + usage.ru_stime:.3f} {server:.3f} {m1 - m0:.3f} "
              f"{p1 - p0:.3f}")
        code = os.waitstatus_to_exitcode(status)
        sys.exit(f"measure.py: {command[0]} exited with {code}" if code else 0)
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
