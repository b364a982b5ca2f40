#!/usr/bin/python3
"""Latency of every interactive route for one heavy user (standard library only).

  heavy.py BASE USER PASSWORD [--budget SECONDS] [--json OUT] [--paged]

Signs in, then asks each route one request at a time over one keep-alive connection (the
server's cost of one request, not its throughput): a few warm-up requests, then requests until
the route's budget or 400 requests, at least 20 (each body read into one buffer the client
keeps, so its own page faults stay out of the times). Prints one line per route with the median and
p99 in microseconds and their ratio to the median of GET /jobs/{id} measured in the same run
(the reference is measured first and again last; the smaller median is used, the fairer on a
busy machine). --json keeps the figures for bench/table.py. --paged asks only the paged
routes (the lists, search, filtered lists, applications).

  heavy.py BASE USER PASSWORD [...] --small SMALL_BASE [--small-json OUT2]

also asks the paged routes of the same user on a second server holding a tenth of the data
(the 10k-against-100k check), interleaved with BASE in one run: per route, rounds of BATCH
requests that alternate between the two servers (which goes first alternates too) for the
route's budget, and the raw median of each server's samples; the drift of a busy machine
falls on both sides alike, so no ratio to GET /jobs/{id} is needed there. With --paged too,
only this interleaved part runs. --small-json keeps its figures for bench/table.py.

Every documented sort (both directions) and filter of the lists, search, board, pipeline,
follow-ups, every analytics report, recommendations, recommended resources and learning
paths, the calendar.
"""
import http.client
import json
import select
import sys
import time
import urllib.parse
from datetime import date, timedelta

JOB_SORTS = ["created_at", "updated_at", "company", "title", "salary_max", "date_applied",
             "status"]
JOB_FILTERS = ["status=applied", "status=not_applied", "company=Hooli", "source=linkedin",
               "job_type=contract", "remote_option=remote", "q=kubernetes", "q=payments%20go",
               "status=applied&sort=-salary_max", "source=indeed&sort=company",
               "q=kubernetes&sort=-salary_max"]
APP_SORTS = ["created_at", "updated_at", "applied_date", "status", "follow_up_date",
             "interview_date", "response_date"]


def app_filters(today):
    d = lambda days: (today - timedelta(days=days)).isoformat()
    return ["status=applied", "status=offer", "job_id={job}", f"applied_from={d(30)}",
            f"applied_to={d(60)}", f"applied_from={d(20)}&applied_to={d(10)}",
            f"follow_up_from={d(10)}", f"follow_up_to={d(30)}",
            "status=ghosted&sort=-applied_date"]


def routes(job_id, app_job_id):
    today = date.today()
    out = [("GET /jobs/{id}", f"/jobs/{job_id}")]
    out.append(("GET /jobs?limit=20", "/jobs?limit=20"))
    for s in JOB_SORTS:
        for sign in ("", "-"):
            out.append((f"GET /jobs?sort={sign}{s}", f"/jobs?limit=20&sort={sign}{s}"))
    for f in JOB_FILTERS:
        out.append((f"GET /jobs?{urllib.parse.unquote(f)}", f"/jobs?limit=20&{f}"))
    out.append(("GET /jobs?limit=20&offset=1000", "/jobs?limit=20&offset=1000"))
    out.append(("GET /applications", "/applications?limit=20"))
    for s in APP_SORTS:
        for sign in ("", "-"):
            out.append((f"GET /applications?sort={sign}{s}", f"/applications?limit=20&sort={sign}{s}"))
    for f in app_filters(today):
        f = f.replace("{job}", str(app_job_id))
        out.append((f"GET /applications?{f}", f"/applications?limit=20&{f}"))
    out += [
        ("GET /applications/board", "/applications/board"),
        ("GET /applications/pipeline", "/applications/pipeline"),
        ("GET /applications/follow-ups", "/applications/follow-ups"),
        ("GET /analytics/summary", "/analytics/summary"),
        ("GET /analytics/funnel", "/analytics/funnel"),
        ("GET /analytics/sources", "/analytics/sources"),
        ("GET /analytics/skills", "/analytics/skills"),
        ("GET /analytics/salaries", "/analytics/salaries"),
    ]
    for m in ("applications", "jobs", "responses", "interviews", "offers"):
        out.append((f"GET /analytics/timeseries?metric={m}", f"/analytics/timeseries?metric={m}"))
    out.append(("GET /analytics/timeseries?interval=week", "/analytics/timeseries?interval=week"))
    out += [
        ("GET /jobs/recommendations", "/jobs/recommendations"),
        ("GET /resources/recommended", "/resources/recommended"),
        ("GET /learning-paths/recommended", "/learning-paths/recommended"),
        ("GET /calendar (month)", "/calendar?from=%s&to=%s" % (
            today.replace(day=1).isoformat(), (today.replace(day=1) + timedelta(days=41)).isoformat())),
        ("GET /calendar (agenda)", "/calendar?from=%s&to=%s" % (
            (today - timedelta(days=7)).isoformat(), (today + timedelta(days=30)).isoformat())),
    ]
    return out


def is_paged(name):
    """A list read a page at a time (not the deep-offset probe)."""
    return (name.startswith("GET /jobs?") or name.startswith("GET /applications")) and \
        "offset" not in name and name not in (
            "GET /applications/board", "GET /applications/pipeline",
            "GET /applications/follow-ups")


class Client:
    def __init__(self, base, token=None):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.prefix = u.hostname, u.port, u.path.rstrip("/")
        self.token = token
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=120)
        self.idle_since = None  # when the last answer was read
        self.keep_alive = None  # the server's idle timeout (Keep-Alive: timeout=N), seconds
        self.buf = bytearray()  # the bodies read by measure() and interleaved(), reused

    def closed_while_idle(self):
        """Whether the kept connection may no longer be used: the server closed it while it was
        idle (an end of file waits on the socket), or it has been idle for nearly the timeout the
        server announced (closed any moment now). The request then goes out on a new connection;
        a request already sent is never sent again."""
        sock = self.conn.sock
        if sock is None or self.idle_since is None:
            return False
        if self.keep_alive and time.monotonic() - self.idle_since > self.keep_alive - 1:
            return True
        readable, _, _ = select.select([sock], [], [], 0)
        return bool(readable)  # nothing is due on an idle connection: an end of file or reset

    def request(self, method, path, body=None, reuse=False):
        """(status, body): the body as bytes, or with reuse a view of the client's own buffer,
        read into it and valid until the next request with reuse (see read_into_buffer)."""
        headers = {"Accept-Encoding": "identity"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        if self.closed_while_idle():
            self.conn.close()  # http.client connects again on the next request
        self.idle_since = None
        self.conn.request(method, self.prefix + path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = self.read_into_buffer(r) if reuse else r.read()
        self.idle_since = time.monotonic()
        hint = r.getheader("Keep-Alive") or ""
        for part in hint.split(","):
            key, _, value = part.strip().partition("=")
            if key.lower() == "timeout" and value.isdigit():
                self.keep_alive = int(value)
        return r.status, data

    def read_into_buffer(self, r):
        """The body read into self.buf, grown to the largest body so far and then reused: a new
        bytes object per answer made this client pay, on some requests, the page faults of a
        fresh 1.2 MB buffer (the heavy month: 284 faults, 4-5 ms of its own CPU on the bench's
        machine, the cell's p99 though the server had answered in 0.7 ms; docs/performance.md,
        "The calendar month's tail (twenty-first round)"). What is measured is the server."""
        if r.length is None:  # no Content-Length (chunked): read as it comes
            return memoryview(r.read())
        if len(self.buf) < r.length:
            self.buf = bytearray(r.length)  # a view of the old one may still be held
        view = memoryview(self.buf)
        n = 0
        while True:  # until the response is read to its end (0: done, and closed)
            got = r.readinto(view[n:])
            if not got:
                return view[:n]
            n += got


def measure(client, path, budget, min_n=20, max_n=400, warm=2):
    for _ in range(warm):
        status, body = client.request("GET", path, reuse=True)
        if status != 200:
            raise SystemExit(f"GET {path}: {status} {bytes(body[:300])!r}")
    samples = []
    start = time.perf_counter()
    size = 0
    while len(samples) < max_n and (len(samples) < min_n or time.perf_counter() - start < budget):
        t0 = time.perf_counter_ns()
        status, body = client.request("GET", path, reuse=True)
        samples.append((time.perf_counter_ns() - t0) / 1000)
        size = len(body)
        if status != 200:
            raise SystemExit(f"GET {path}: {status}")
    samples.sort()
    median = samples[len(samples) // 2]
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    return median, p99, len(samples), size


BATCH = 5  # requests per server per round of the interleaved check


def median_of(samples):
    samples = sorted(samples)
    return samples[len(samples) // 2]


def interleaved(full, small, full_path, small_path, budget, batch=BATCH, min_n=20, warm=2):
    """The route on both servers in alternated rounds of batch requests each (which server goes
    first alternates too) until budget seconds and min_n requests each: (full median, small
    median, n full, n small)."""
    for c, path in ((full, full_path), (small, small_path)):
        for _ in range(warm):
            status, body = c.request("GET", path, reuse=True)
            if status != 200:
                raise SystemExit(f"GET {path}: {status} {bytes(body[:300])!r}")
    got = {"full": [], "small": []}
    sides = [("full", full, full_path), ("small", small, small_path)]
    start, i = time.perf_counter(), 0
    while len(got["small"]) < min_n or time.perf_counter() - start < budget:
        for side, c, path in (sides if i % 2 == 0 else sides[::-1]):
            for _ in range(batch):
                t0 = time.perf_counter_ns()
                status, body = c.request("GET", path, reuse=True)
                got[side].append((time.perf_counter_ns() - t0) / 1000)
                if status != 200:
                    raise SystemExit(f"GET {path}: {status} {bytes(body[:300])!r}")
        i += 1
    return median_of(got["full"]), median_of(got["small"]), len(got["full"]), len(got["small"])


def sign_in(base, user, password):
    """A client signed in, the id of its oldest job and the job of its first application."""
    c = Client(base)
    status, body = c.request("POST", "/auth/login", {"username": user, "password": password})
    if status != 200:
        raise SystemExit(f"login: {status} {body!r}")
    c.token = json.loads(body)["access_token"]
    status, body = c.request("GET", "/jobs?limit=1&sort=created_at")
    job_id = json.loads(body)["items"][0]["id"]
    status, body = c.request("GET", "/applications?limit=1")
    items = json.loads(body)["items"]
    return c, job_id, items[0]["job_id"] if items else job_id


def paged_pairs(c, plan, small_base, user, password, budget, out):
    """The paged routes on both servers, interleaved (see the module's text)."""
    s, small_job, small_app_job = sign_in(small_base, user, password)
    small_plan = routes(small_job, small_app_job)
    rows = []
    for (name, path), (_, small_path) in zip(plan, small_plan):
        if not is_paged(name):
            continue
        full_us, small_us, n_full, n_small = interleaved(c, s, path, small_path, budget)
        x = full_us / small_us
        rows.append({"route": name, "small_us": round(small_us), "full_us": round(full_us),
                     "x": round(x, 3), "n_small": n_small, "n_full": n_full})
        print(f"paged\t{name}\t{small_us:.0f}\t{full_us:.0f}\t{x:.2f}\t{n_small}\t{n_full}",
              flush=True)
    if out:
        with open(out, "w") as f:
            json.dump({"interleaved": True, "batch": BATCH, "routes": rows}, f, indent=1)


def main():
    args = sys.argv[1:]
    budget = 1.0
    if "--budget" in args:
        i = args.index("--budget")
        budget = float(args[i + 1])
        del args[i:i + 2]
    paged = "--paged" in args
    if paged:
        args.remove("--paged")
    opts = {}
    for opt in ("--json", "--small", "--small-json"):
        if opt in args:
            i = args.index(opt)
            opts[opt] = args[i + 1]
            del args[i:i + 2]
    out = opts.get("--json")
    base, user, password = args
    c, job_id, app_job_id = sign_in(base, user, password)
    results = []
    plan = routes(job_id, app_job_id)
    if "--small" in opts and paged:
        paged_pairs(c, plan, opts["--small"], user, password, budget, opts.get("--small-json"))
        return
    if paged:
        plan = [plan[0]] + [r for r in plan[1:] if is_paged(r[0])]
    ref = measure(c, plan[0][1], budget * 2, min_n=200, max_n=2000)
    for name, path in plan[1:]:
        m = measure(c, path, budget)
        results.append((name, m))
        print(f"{name}\t{m[0]:.0f}\t{m[1]:.0f}\t{m[2]}\t{m[3]}", file=sys.stderr, flush=True)
    ref2 = measure(c, plan[0][1], budget * 2, min_n=200, max_n=2000)
    ref_median = min(ref[0], ref2[0])
    results.insert(0, (plan[0][0], ref if ref[0] <= ref2[0] else ref2))
    rows = []
    for name, (median, p99, n, size) in results:
        rows.append({"route": name, "median_us": round(median), "p99_us": round(p99), "n": n,
                     "bytes": size, "median_x": round(median / ref_median, 2),
                     "p99_x": round(p99 / ref_median, 2)})
        print(f"heavy\t{name}\t{median:.0f}\t{p99:.0f}\t{median / ref_median:.2f}\t"
              f"{p99 / ref_median:.2f}\t{n}\t{size}")
    if out:
        with open(out, "w") as f:
            json.dump({"reference_us": round(ref_median), "routes": rows}, f, indent=1)
    if "--small" in opts:
        paged_pairs(c, plan, opts["--small"], user, password, budget, opts.get("--small-json"))


if __name__ == "__main__":
    main()
