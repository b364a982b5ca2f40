#!/usr/bin/python3
"""Prints the tables of bench/run from its raw results file (tab-separated lines):

  run  SERVER ROUTE rps p50_us p99_us non2xx socket_errors requests
  rss  SERVER peak_kB detail
  note TEXT
"""
import sys

ROUTES = ["GET /healthz", "GET /jobs?limit=20", "GET /jobs/{id}", "GET /jobs?q=word",
          "GET /applications/board", "POST /jobs"]
CP, PG, FA1, FA2 = "copilot-sqlite", "copilot-pg", "fastapi-1w", "fastapi-2w"


def load(path):
    runs, rss, notes = {}, {}, []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "run":
                server, route = parts[1], parts[2]
                rps, p50, p99, non2xx, sock, n = parts[3:9]
                runs[(server, route)] = dict(rps=float(rps), p50=int(p50), p99=int(p99),
                                             non2xx=int(non2xx), sock=int(sock), n=int(n))
            elif parts[0] == "rss":
                rss[parts[1]] = (int(parts[2]), parts[3] if len(parts) > 3 else "")
            elif parts[0] == "note":
                notes.append(parts[1])
    return runs, rss, notes


def ms(us):
    return f"{us / 1000:.1f}" if us < 100000 else f"{us / 1000:.0f}"


def fmt_rps(r):
    return f"{r:,.0f}" if r >= 100 else f"{r:.1f}"


def cell(runs, server, route):
    r = runs.get((server, route))
    if r is None:
        return ["-", "-"]
    flag = ""
    if r["non2xx"] or r["sock"]:
        flag = f" !{r['non2xx']}/{r['sock']}"
    return [fmt_rps(r["rps"]) + flag, ms(r["p99"])]


def ratio(runs, a, b, route):
    ra, rb = runs.get((a, route)), runs.get((b, route))
    if not ra or not rb or rb["rps"] == 0:
        return "-"
    return f"{ra['rps'] / rb['rps']:.2f}x"


def of_ceiling(runs, server, route):
    r, h = runs.get((server, route)), runs.get((server, "GET /healthz"))
    if not r or not h or h["rps"] == 0:
        return "-"
    pct = 100 * r["rps"] / h["rps"]
    return f"{pct:.1f}%" if pct >= 1 else f"{pct:.2f}%"


def print_table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def main(path):
    runs, rss, notes = load(path)
    print("\nSQLite, same data on both sides. req/s and p99 latency (ms); "
          "\"!a/b\" = a non-2xx answers, b socket errors/timeouts")
    header = ["route", "copilot req/s", "p99 ms", "FastAPI 1w req/s", "p99 ms",
              "FastAPI 2w req/s", "p99 ms", "copilot/FA 1w", "copilot/FA 2w",
              "copilot % of own /healthz"]
    rows = []
    for route in ROUTES:
        rows.append([route] + cell(runs, CP, route) + cell(runs, FA1, route) +
                    cell(runs, FA2, route) + [ratio(runs, CP, FA1, route),
                                              ratio(runs, CP, FA2, route),
                                              of_ceiling(runs, CP, route)])
    print_table(header, rows)
    if any(s == PG for s, _ in runs):
        print("\ncopilot on PostgreSQL 15 (throwaway cluster on the same 2 cores)")
        header = ["route", "req/s", "p99 ms", "% of own /healthz", "PG/SQLite"]
        rows = [[route] + cell(runs, PG, route) + [of_ceiling(runs, PG, route),
                                                   ratio(runs, PG, CP, route)]
                for route in ROUTES]
        print_table(header, rows)
    if rss:
        print("\nPeak RSS after the load (VmHWM)")
        print_table(["server", "peak RSS", "detail"],
                    [[s, f"{kb / 1024:.1f} MiB", d] for s, (kb, d) in rss.items()])
    bad = [(s, r, v) for (s, r), v in runs.items() if v["non2xx"] or v["sock"]]
    if bad:
        print("\nErrors under load:")
        for s, r, v in bad:
            print(f"  {s} {r}: {v['non2xx']} non-2xx answers, {v['sock']} socket errors/timeouts"
                  f" in {v['n']} requests")
    for n in notes:
        print(n)


if __name__ == "__main__":
    main(sys.argv[1])
