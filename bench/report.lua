-- Shared by the wrk scripts of bench/run: one machine-readable summary line at the end.
-- Latencies are in microseconds; "status" counts non-2xx/3xx answers.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d " ..
        "status=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(99), latency.max,
        e.status, e.connect, e.read, e.write, e.timeout))
end
