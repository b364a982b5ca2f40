-- wrk script for POST /api/v1/jobs: a new job per request (unique title: thread id, a counter
-- and random letters), companies from the seeded set so the near-duplicate scan has work.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end

local companies = {"Acme Labs", "Globex Systems", "Initech Cloud", "Umbrella Data",
                   "Hooli Health", "Wonka Digital", "Tyrell Robotics", "Cyberdyne Energy"}
local titles = {"Backend Engineer", "Data Engineer", "Platform Engineer", "Security Engineer",
                "Frontend Engineer", "Cloud Engineer", "QA Engineer", "Product Engineer"}
local counter = 0
local body_fmt = '{"company":"%s","title":"%s %s %d-%d","location":"Remote",' ..
    '"description":"Benchmark job: services, databases and on-call for a growing team.",' ..
    '"salary_min":90000,"salary_max":120000,"currency":"EUR","job_type":"full-time",' ..
    '"remote_option":"remote","tech_stack":["C","SQL","Linux"]}'

function init(args)
    math.randomseed(os.time() + (tid or 0) * 7919)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    local token = os.getenv("BENCH_TOKEN")
    wrk.headers["Authorization"] = "Bearer " .. token
end

local function word()
    local t = {}
    for i = 1, 8 do t[i] = string.char(97 + math.random(0, 25)) end
    return table.concat(t)
end

function request()
    counter = counter + 1
    local body = string.format(body_fmt, companies[counter % #companies + 1],
                               titles[counter % #titles + 1], word(), tid or 0, counter)
    return wrk.format(nil, nil, nil, body)
end
