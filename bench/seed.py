#!/usr/bin/python3
"""Seed helpers for bench/run (standard library only).

  seed.py jobs N OUT.json             write N distinct jobs (deterministic) as a JSON array
  seed.py login BASE USER PASSWORD    print a bearer token from POST BASE/auth/login
  seed.py applications BASE TOKEN N STEP   POST N applications, on jobs 1, 1+STEP, 1+2*STEP, ...
  seed.py wait URL SECONDS            wait until GET URL answers 200

The same jobs file feeds `copilot import jobs` and `fastapi_app.py seed`, so both servers
answer from the same rows.
"""
import http.client
import json
import random
import sys
import time
import urllib.parse

COMPANIES = [
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises",
    "Wonka", "Tyrell", "Cyberdyne", "Soylent", "Massive Dynamic", "Aperture", "Black Mesa",
    "Vandelay", "Pied Piper", "Dunder Mifflin", "Oscorp", "Gringotts", "Monarch", "Nakatomi",
    "Virtucon", "Gekko", "Rekall", "Weyland", "Zorg", "Ollivander", "Bluth", "Sterling Cooper",
    "Prestige", "Krusty", "Duff", "Mooby", "Lacuna", "Veridian", "Yoyodyne", "Omni Consumer",
    "Blue Sun", "Abstergo", "Sirius", "Buy n Large", "Planet Express", "MomCorp", "Ghostwood",
    "Quark", "Spacely", "Cogswell", "Nuka", "Vault-Tec", "Kwik-E",
]
SUFFIXES = ["Labs", "Systems", "Cloud", "Data", "Health", "Digital", "Robotics", "Energy"]
TITLES = [
    "Backend Engineer", "Frontend Engineer", "Full Stack Developer", "Data Engineer",
    "Site Reliability Engineer", "Platform Engineer", "Machine Learning Engineer",
    "DevOps Engineer", "Security Engineer", "Mobile Developer", "Embedded Engineer",
    "QA Engineer", "Data Scientist", "Engineering Manager", "Solutions Architect",
    "Database Administrator", "Product Engineer", "Systems Programmer", "Cloud Engineer",
    "Support Engineer",
]
LEVELS = ["Junior", "", "Senior", "Staff", "Principal"]
LOCATIONS = [
    "Remote", "Berlin, Germany", "London, UK", "New York, NY", "San Francisco, CA", "Paris",
    "Amsterdam", "Toronto, Canada", "Austin, TX", "Lisbon, Portugal", "Warsaw, Poland",
    "Dublin, Ireland", "Zurich", "Munich", "Stockholm", "Madrid", "Singapore", "Sydney",
    "Seattle, WA", "Boston, MA",
]
TECH = ["C", "Go", "Rust", "Python", "Java", "Kotlin", "TypeScript", "React", "SQL",
        "PostgreSQL", "Redis", "Kafka", "AWS", "GCP", "Docker", "Terraform", "Linux", "gRPC"]
WORDS = ("we build reliable services for millions of users and care about testing code review "
         "observability latency throughput mentoring ownership product quality customers teams "
         "distributed systems databases queues caching pipelines deployment security privacy "
         "design documentation on-call incident reviews roadmap planning").split()
JOB_TYPES = ["full-time", "part-time", "contract", "internship", "temporary", "freelance"]
REMOTE = ["onsite", "hybrid", "remote"]
SEARCH_WORD = "kubernetes"  # in about 1 job description of 10; bench/run queries it


def company_name(i):
    return f"{COMPANIES[i % len(COMPANIES)]} {SUFFIXES[(i // len(COMPANIES)) % len(SUFFIXES)]}"


def make_jobs(n):
    rnd = random.Random(20261124)
    jobs = []
    for i in range(n):
        # company = i mod 400; the rest of i in mixed radix (title, level, location), offset
        # by the company for variety: distinct fingerprints for up to 800,000 jobs
        c, r = i % 400, i // 400
        company = company_name(c)
        title = TITLES[(r + c) % len(TITLES)]
        level = LEVELS[(r // 20 + c) % len(LEVELS)]
        title = f"{level} {title}".strip()
        location = LOCATIONS[(r // 100 + c) % len(LOCATIONS)]
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(60, 110))]
        if rnd.random() < 0.1:
            words.insert(rnd.randrange(len(words)), SEARCH_WORD)
        lo = rnd.randrange(40, 160) * 1000
        jobs.append({
            "company": company,
            "title": title,
            "location": location,
            "description": " ".join(words).capitalize() + ".",
            "requirements": ", ".join(rnd.sample(TECH, 3)) + " experience.",
            "salary_min": lo,
            "salary_max": lo + rnd.randrange(10, 60) * 1000,
            "currency": "EUR" if i % 3 else "USD",
            "job_type": JOB_TYPES[i % len(JOB_TYPES)],
            "remote_option": REMOTE[i % len(REMOTE)],
            "tech_stack": rnd.sample(TECH, rnd.randint(2, 5)),
            "application_url": f"https://jobs.example.com/{i}/apply",
        })
    return jobs


def conn_for(base):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=30), u.path.rstrip("/")


def request(conn, method, path, body=None, token=None):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn.request(method, path, body=json.dumps(body) if body is not None else None,
                 headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    return resp.status, data


def main(argv):
    cmd = argv[1]
    if cmd == "jobs":
        with open(argv[3], "w") as f:
            json.dump(make_jobs(int(argv[2])), f)
    elif cmd == "login":
        conn, prefix = conn_for(argv[2])
        status, data = request(conn, "POST", prefix + "/auth/login",
                               {"username": argv[3], "password": argv[4]})
        if status != 200:
            sys.exit(f"login: HTTP {status}: {data[:200]!r}")
        print(json.loads(data)["access_token"])
    elif cmd == "applications":
        conn, prefix = conn_for(argv[2])
        n, step = int(argv[4]), int(argv[5])
        for k in range(n):
            status, data = request(conn, "POST", prefix + "/applications",
                                   {"job_id": 1 + k * step}, argv[3])
            if status != 201:
                sys.exit(f"applications: HTTP {status}: {data[:200]!r}")
    elif cmd == "wait":
        deadline = time.time() + float(argv[3])
        u = urllib.parse.urlsplit(argv[2])
        while True:
            try:
                c = http.client.HTTPConnection(u.hostname, u.port, timeout=2)
                c.request("GET", u.path)
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            if time.time() > deadline:
                sys.exit(f"wait: {argv[2]} did not answer within {argv[3]} s")
            time.sleep(0.1)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
