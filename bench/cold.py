#!/usr/bin/python3
"""A heavy user's first requests after a start (standard library only).

  cold.py BIN DB_URL USER PASSWORD [--routes SUBSTR,...] [--write] [--rounds N] [--bin2 BIN2]
          [--pg-pid POSTMASTER_PID]

For every route of bench/heavy.py: starts a fresh server process (BIN serve, on DB_URL, whose
file or cluster is already in the OS page cache), asks the route once (cold), then once more
(warm), and with --write makes one write that bumps the user's data version (PATCH of the
user's oldest job's notes) and asks the route again (after the write) and once more. Prints per
route the wall milliseconds and the server's CPU milliseconds (utime + stime of the process,
from /proc; with --pg-pid, plus that of the PostgreSQL cluster's processes) of the cold request, the warm one and, with --write, those after the write.
The sign-in is done once before; the token is reused by every server (sessions live in the
database). With --bin2, each round runs both binaries on the route, the order alternated, so
old and new see the same machine load.
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import heavy  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


PG_PID = None  # --pg-pid: the postmaster, whose backends' CPU is added to the server's


def cpu_ms(pid, children=False):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    own = (int(parts[11]) + int(parts[12])) * 1000 / TICK
    return own + ((int(parts[13]) + int(parts[14])) * 1000 / TICK if children else 0)


def pg_cpu_ms():
    """The CPU of the cluster: the postmaster, its live processes and those it has reaped
    (parallel workers, backends of servers already stopped)."""
    total = cpu_ms(PG_PID, children=True)
    for task in os.listdir(f"/proc/{PG_PID}/task"):
        with open(f"/proc/{PG_PID}/task/{task}/children") as f:
            for child in f.read().split():
                try:
                    total += cpu_ms(int(child))
                except FileNotFoundError:
                    pass
    return total


def both_cpu_ms(pid):
    return cpu_ms(pid) + (pg_cpu_ms() if PG_PID else 0)


class Server:
    def __init__(self, binary, url, data_dir):
        self.port = free_port()
        env = dict(os.environ, COPILOT_DATABASE_URL=url, COPILOT_DATA_DIR=data_dir)
        self.proc = subprocess.Popen([binary, "serve", "--port", str(self.port), "--no-migrate"],
                                     env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}/api/v1"
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2).read()
                break
            except Exception:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise SystemExit(f"{binary} did not start")
                time.sleep(0.05)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def timed(client, pid, method, path, body=None):
    c0 = both_cpu_ms(pid)
    t0 = time.perf_counter()
    status, data = client.request(method, path, body)
    wall = (time.perf_counter() - t0) * 1000
    if status not in (200, 201):
        raise SystemExit(f"{method} {path}: {status} {bytes(data[:200])!r}")
    time.sleep(0.01)  # the CPU counters of the last ticks
    return wall, both_cpu_ms(pid) - c0


def one(binary, url, data_dir, token, path, job_id, write):
    s = Server(binary, url, data_dir)
    try:
        c = heavy.Client(s.base, token)
        pid = s.proc.pid
        out = [timed(c, pid, "GET", path), timed(c, pid, "GET", path)]
        if write:
            timed(c, pid, "PATCH", f"/jobs/{job_id}", {"notes": f"cold {time.time()}"})
            out += [timed(c, pid, "GET", path), timed(c, pid, "GET", path)]
        return out
    finally:
        s.stop()


def main():
    args = sys.argv[1:]
    global PG_PID
    opts = {"--routes": None, "--rounds": "1", "--bin2": None, "--pg-pid": None}
    for k in list(opts):
        if k in args:
            i = args.index(k)
            opts[k] = args[i + 1]
            del args[i:i + 2]
    PG_PID = int(opts["--pg-pid"]) if opts["--pg-pid"] else None
    write = "--write" in args
    if write:
        args.remove("--write")
    binary, url, user, password = args
    data_dir = tempfile.mkdtemp(prefix="copilot-cold-")
    s = Server(binary, url, data_dir)
    try:
        c, job_id, app_job_id = heavy.sign_in(s.base, user, password)
    finally:
        s.stop()
    plan = heavy.routes(job_id, app_job_id)
    if opts["--routes"]:
        keys = opts["--routes"].split(",")
        plan = [r for r in plan if any(k in r[0] for k in keys)]
    bins = [binary] + ([opts["--bin2"]] if opts["--bin2"] else [])
    cols = "cold_ms\tcold_cpu\twarm_ms\twarm_cpu" + ("\twrite_ms\twrite_cpu\tw2_ms\tw2_cpu"
                                                      if write else "")
    print(f"bin\troute\t{cols}", flush=True)
    for name, path in plan:
        for r in range(int(opts["--rounds"])):
            order = bins if r % 2 == 0 else bins[::-1]
            for b in order:
                got = one(b, url, data_dir, c.token, path, job_id, write)
                cells = "\t".join(f"{w:.1f}\t{u:.0f}" for w, u in got)
                print(f"{os.path.basename(b)}\t{name}\t{cells}", flush=True)


if __name__ == "__main__":
    main()
