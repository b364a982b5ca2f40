-- wrk script for the GET routes: the bearer token comes from BENCH_TOKEN (if set).
-- No request() function, so wrk keeps its fast path of one pre-built request.
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
end
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
