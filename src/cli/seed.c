/*
 * This file implements `copilot seed [--users N] [--jobs N] [--applications N] [--seed S]
 * [--progress]`:
 * a realistic, deterministic data set for demos and benchmarks. Users (password "password123",
 * hashed once) get skills, locations and a level; jobs are drawn from small tables of
 * companies, roles (each with its tech stack), levels, teams and locations, created over the
 * last 120 days; applications move through plausible pipeline paths with dates that follow
 * each other and never pass today, and each job follows its application as the API would.
 *
 * The same arguments give the same rows (relative to the day it runs: dates count back from
 * now). Jobs and applications go in as multi-row INSERTs of BATCH rows (the model's insert
 * builder, table_insert_rows), TX_BATCHES batches per transaction, with the same SQL on both
 * engines; every job of a user has its own fingerprint
 * because titles enumerate (company, role, level, team, location) by a stride that visits
 * every combination once. Users own consecutive blocks of jobs, and applications are spread
 * evenly over every block. Progress (meter.h) counts the jobs and applications inserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/fingerprint.h"
#include "../core/pipeline.h"
#include "../lib/buf.h"
#include "../lib/crypto.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "../model/application.h"
#include "../model/job.h"
#include "../model/user.h"
#include "cli.h"
#include "meter.h"

#define BATCH 200
#define TX_BATCHES 100
#define DAY 86400
#define SEED_DAYS 120
#define SEED_PASSWORD "password123"
#define N(a) (sizeof(a) / sizeof((a)[0]))

/* ================================================================ data tables */

/* clang-format off */
static const char *const companies[] = {
    "Acme Labs", "Globex Systems", "Initech Cloud", "Umbrella Data", "Hooli", "Wonka Digital",
    "Tyrell Robotics", "Cyberdyne", "Stark Industries", "Wayne Tech", "Soylent Foods",
    "Massive Dynamic", "Aperture Science", "Vandelay Import", "Pied Piper", "Dunder Mifflin",
    "Oscorp", "Gringotts Bank", "Monarch Health", "Nakatomi Trading", "Blue Sun", "Virtucon",
    "Gekko Capital", "Prestige Media", "Oceanic Air", "Sirius Cybernetics", "Weyland Logistics",
    "Black Mesa", "Bluth Homes", "Zorg Energy", "Northwind", "Contoso", "Fabrikam",
    "Tailspin Toys", "Litware", "Adventure Works", "Proseware", "Lucerne Publishing",
    "Wide World Importers", "Fourth Coffee",
};

static const struct role {
    const char *title;
    const char *const stack[8]; /* NULL-terminated */
} roles[] = {
    {"Backend Engineer", {"Go", "PostgreSQL", "Docker", "Kubernetes", "gRPC", "Redis", "Kafka"}},
    {"Frontend Engineer", {"TypeScript", "React", "CSS", "HTML", "Next.js", "GraphQL", "Jest"}},
    {"Full Stack Developer", {"JavaScript", "Node.js", "React", "PostgreSQL", "Docker", "AWS"}},
    {"Data Engineer",
     {"Python", "SQL", "Apache Spark", "Apache Airflow", "Kafka", "Snowflake", "dbt"}},
    {"Data Scientist",
     {"Python", "Pandas", "scikit-learn", "SQL", "Statistics", "Machine learning", "Jupyter"}},
    {"Machine Learning Engineer",
     {"Python", "PyTorch", "TensorFlow", "MLOps", "Kubernetes", "Deep learning", "AWS"}},
    {"DevOps Engineer",
     {"Kubernetes", "Terraform", "AWS", "Linux", "CI/CD", "Prometheus", "Ansible"}},
    {"Site Reliability Engineer",
     {"Linux", "Go", "Kubernetes", "Prometheus", "Grafana", "Terraform", "Bash"}},
    {"Platform Engineer", {"Go", "Kubernetes", "Terraform", "Google Cloud", "Helm", "Istio"}},
    {"Security Engineer",
     {"Security", "Python", "Linux", "AWS", "Penetration testing", "Networking"}},
    {"iOS Developer", {"Swift", "iOS", "Objective-C", "Unit testing", "REST APIs"}},
    {"Android Developer", {"Kotlin", "Android", "Java", "Unit testing", "REST APIs"}},
    {"Embedded Software Engineer", {"C", "C++", "Embedded systems", "RTOS", "Linux", "Git"}},
    {"Systems Engineer", {"C++", "Rust", "Linux", "Concurrency", "Networking", "Git"}},
    {"Java Developer", {"Java", "Spring Boot", "Hibernate", "MySQL", "Microservices", "Kafka"}},
    {".NET Developer", {"C#", ".NET", "ASP.NET", "Microsoft SQL Server", "Microsoft Azure"}},
    {"Python Developer", {"Python", "Django", "FastAPI", "PostgreSQL", "Celery", "Docker"}},
    {"Ruby on Rails Developer", {"Ruby", "Ruby on Rails", "PostgreSQL", "Redis", "RSpec"}},
    {"QA Automation Engineer", {"Test automation", "Selenium", "Cypress", "Python", "CI/CD"}},
    {"Data Analyst", {"SQL", "Excel", "Tableau", "Power BI", "Data analysis", "Statistics"}},
    {"Product Manager",
     {"Product management", "Agile", "Jira", "Stakeholder management", "Data analysis",
      "Communication"}},
    {"Engineering Manager",
     {"Leadership", "Mentoring", "Agile", "System design", "Communication",
      "Stakeholder management"}},
    {"UX Designer", {"UX design", "Figma", "UI design", "Accessibility", "Communication"}},
    {"Solutions Architect",
     {"AWS", "Software architecture", "Microservices", "Kubernetes", "Communication",
      "System design"}},
};

static const char *const levels[] = {"", "Junior ", "Senior ", "Staff ", "Lead ", "Principal "};

static const char *const teams[] = {
    "Payments",    "Growth",        "Platform",  "Search",         "Checkout",
    "Identity",    "Data Platform", "Mobile",    "Infrastructure", "Risk",
    "Marketplace", "Billing",       "Insights",  "Messaging",      "Developer Experience",
    "Core",        "Onboarding",    "Logistics", "Security",       "Analytics",
};

static const struct place {
    const char *name;
    const char *currency;
    int pay; /* salary scale, percent */
} places[] = {
    {"Berlin, Germany", "EUR", 100},
    {"Munich, Germany", "EUR", 105},
    {"London, UK", "GBP", 110},
    {"Amsterdam, Netherlands", "EUR", 100},
    {"Paris, France", "EUR", 95},
    {"Dublin, Ireland", "EUR", 105},
    {"Zurich, Switzerland", "CHF", 150},
    {"Stockholm, Sweden", "SEK", 1000},
    {"Warsaw, Poland", "PLN", 300},
    {"Lisbon, Portugal", "EUR", 70},
    {"Barcelona, Spain", "EUR", 75},
    {"New York, NY", "USD", 160},
    {"San Francisco, CA", "USD", 180},
    {"Austin, TX", "USD", 140},
    {"Seattle, WA", "USD", 165},
    {"Toronto, Canada", "CAD", 130},
    {"Singapore", "SGD", 140},
    {"Sydney, Australia", "AUD", 150},
    {"Remote", "USD", 130},
    {"Remote - EU", "EUR", 100},
};

/* Weighted choices: each entry repeats its weight. */
static const char *const sources[] = {"linkedin", "linkedin", "linkedin", "linkedin", "indeed",
                                      "indeed",   "manual",   "manual",   "import",   "adzuna",
                                      "rss",      "api",      "other",    "linkedin", "indeed"};
static const char *const job_types[] = {"full-time", "full-time", "full-time",  "full-time",
                                        "full-time", "full-time", "full-time",  "full-time",
                                        "contract",  "part-time", "internship", "freelance"};
static const char *const soft_skills[] = {"Communication", "Teamwork",  "Problem solving",
                                          "Ownership",     "Mentoring", "Attention to detail"};
/* clang-format on */

/* ================================================================ randomness */

/* splitmix64: small, fast, and the same sequence on every platform. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* A number in [0, n). */
static uint64_t pick(uint64_t *state, uint64_t n)
{
    return n ? next_random(state) % n : 0;
}

/* True with probability percent / 100. */
static bool chance(uint64_t *state, int percent)
{
    return (int)pick(state, 100) < percent;
}

/* ================================================================ plans */

struct seed_options {
    long long users, jobs, applications;
    unsigned long long seed;
    bool force_progress; /* --progress */
};

/* One application as it will be inserted (all text in the batch arena; NULL = SQL NULL). */
struct seed_app {
    const char *status, *previous_status, *applied_date, *response_date, *interview_date,
        *offer_date;
    const char *follow_up_date, *created_at, *updated_at;
};

struct seed_job {
    int64_t user_id, id;
    const char *company, *title, *location, *description, *requirements, *currency;
    const char *job_type, *remote_option, *tech_stack, *url, *url_key, *source, *status;
    const char *date_applied, *fingerprint, *created_at, *updated_at;
    bool has_salary, has_application;
    int64_t salary_min, salary_max;
    struct seed_app app;
};

static const char *stamp(time_t t, struct arena *a)
{
    char *s = arena_alloc(a, TIME_RFC3339_LEN);
    time_format_rfc3339(t, s);
    return s;
}

static const char *date_of(time_t t, struct arena *a)
{
    char *s = arena_alloc(a, TIME_DATE_LEN);
    time_format_date(t, s);
    return s;
}

/* Moves p to status, keeping the status it leaves when it closes (as the API does). */
static void move_to(struct seed_app *p, const char *status)
{
    enum app_status kept = pipeline_previous_after(pipeline_status_from_name(p->status),
                                                   pipeline_status_from_name(status),
                                                   pipeline_status_from_name(p->previous_status));
    p->previous_status = pipeline_status_name(kept);
    p->status = status;
}

/* The stages after a first answer: screen, interview, offer, decision. Returns the time of the
 * last event. */
static time_t plan_after_response(uint64_t *st, time_t response, time_t now, struct seed_app *p,
                                  struct arena *a)
{
    if (chance(st, 30)) {
        move_to(p, "rejected");
        return response;
    }
    move_to(p, "phone_screen");
    time_t interview = response + (time_t)(3 + pick(st, 8)) * DAY + (time_t)pick(st, 8) * 3600;
    if (interview > now || !chance(st, 55)) {
        if (interview <= now)
            move_to(p, chance(st, 70) ? "rejected" : chance(st, 50) ? "withdrawn" : p->status);
        return interview <= now && strcmp(p->status, "phone_screen") ? interview : response;
    }
    p->interview_date = stamp(interview, a);
    move_to(p, chance(st, 40) ? "technical" : "interview");
    time_t offer = interview + (time_t)(5 + pick(st, 11)) * DAY;
    if (offer > now || !chance(st, 35)) {
        if (offer <= now && chance(st, 60)) {
            move_to(p, "rejected");
            return offer;
        }
        return interview;
    }
    p->offer_date = date_of(offer, a);
    move_to(p, "offer");
    time_t decision = offer + (time_t)(2 + pick(st, 7)) * DAY;
    if (decision > now)
        return offer;
    int r = (int)pick(st, 100);
    move_to(p, r < 55 ? "accepted" : r < 75 ? "declined" : "offer");
    return strcmp(p->status, "offer") ? decision : offer;
}

/* A plausible path through the pipeline for an application made after a job was saved. */
static void plan_application(uint64_t *st, time_t job_created, time_t now, struct seed_app *p,
                             struct arena *a)
{
    memset(p, 0, sizeof *p);
    time_t created = job_created + (time_t)pick(st, 3 * DAY);
    created = created > now ? now : created;
    time_t last = created;
    p->status = "interested";
    p->created_at = stamp(created, a);
    time_t applied = created + (time_t)pick(st, 2 * DAY);
    if (!chance(st, 10) && applied <= now) {
        p->applied_date = date_of(applied, a);
        move_to(p, "applied");
        last = applied;
        time_t response = applied + (time_t)(2 + pick(st, 20)) * DAY;
        if (chance(st, 38) && response <= now) {
            p->response_date = date_of(response, a);
            last = plan_after_response(st, response, now, p, a);
        } else if (now - applied > 30 * DAY && chance(st, 55)) {
            move_to(p, "ghosted");
            last = applied + 30 * DAY;
        } else if (chance(st, 5)) {
            move_to(p, "withdrawn");
        }
    }
    bool open = strcmp(p->status, "interested") && strcmp(p->status, "rejected") &&
                strcmp(p->status, "withdrawn") && strcmp(p->status, "ghosted") &&
                strcmp(p->status, "accepted") && strcmp(p->status, "declined");
    if (open)
        p->follow_up_date = date_of(last + 7 * DAY, a);
    p->updated_at = stamp(last > now ? now : last, a);
}

/* The tech stack of role as a JSON array: 3 to 6 of its skills, in a shuffled order. */
static const char *plan_stack(uint64_t *st, const struct role *role, struct arena *a)
{
    const char *skills[8];
    size_t n = 0;
    while (n < 8 && role->stack[n])
        skills[n] = role->stack[n], n++;
    for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
        size_t k = (size_t)pick(st, i);
        const char *t = skills[i - 1];
        skills[i - 1] = skills[k];
        skills[k] = t;
    }
    size_t take = 3 + (size_t)pick(st, 4);
    take = take > n ? n : take;
    struct buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (size_t i = 0; i < take; i++)
        buf_printf(&b, "%s\"%s\"", i ? "," : "", skills[i]); /* table names need no escaping */
    buf_putc(&b, ']');
    const char *text = arena_strdup(a, b.data);
    buf_free(&b);
    return text;
}

#define COMBINATIONS ((uint64_t)N(companies) * N(roles) * N(levels) * N(teams) * N(places))
#define STRIDE 1000003ull /* a prime: coprime with COMBINATIONS, so j -> j * STRIDE visits all */

static void plan_salary(uint64_t *st, struct seed_job *j, size_t level, const struct place *p)
{
    static const int base[] = {60, 45, 85, 105, 100, 120}; /* thousands, by level */
    j->has_salary = chance(st, 80);
    j->currency = j->has_salary ? p->currency : NULL;
    j->salary_min = (int64_t)(base[level] * p->pay / 100) * 1000;
    j->salary_min += (int64_t)pick(st, 21) * j->salary_min / 100 / 1000 * 1000;
    j->salary_max = j->salary_min + (int64_t)((10 + pick(st, 31)) * (uint64_t)p->pay / 100) * 1000;
}

/* The first job of user u: users own consecutive, nearly equal blocks of jobs. */
static long long first_job(const struct seed_options *o, long long u)
{
    return (long long)((unsigned long long)u * (unsigned long long)o->jobs /
                       (unsigned long long)o->users);
}

/* The user whose block holds job k (*u) and the rank of k among that user's jobs (*nth). */
static void owner_of(const struct seed_options *o, long long k, long long *u, long long *nth)
{
    *u = o->jobs ? k * o->users / o->jobs : 0;
    while (*u + 1 < o->users && first_job(o, *u + 1) <= k)
        ++*u;
    while (*u > 0 && first_job(o, *u) > k)
        --*u;
    *nth = k - first_job(o, *u);
}

struct identity {
    const struct role *role;
    size_t level;
    const char *team;
    const struct place *place;
};

/* Company, title and location of the nth job of user u: the stride visits every combination
 * once, so one user's jobs never share a fingerprint. */
static struct identity plan_identity(long long u, long long nth, struct arena *a,
                                     struct seed_job *j)
{
    struct identity id;
    uint64_t idx = ((uint64_t)nth * STRIDE + (uint64_t)u * 7919u) % COMBINATIONS;
    j->company = companies[idx % N(companies)];
    idx /= N(companies);
    id.role = &roles[idx % N(roles)];
    idx /= N(roles);
    id.level = idx % N(levels);
    idx /= N(levels);
    id.team = teams[idx % N(teams)];
    id.place = &places[idx / N(teams) % N(places)];
    j->location = id.place->name;
    const char *level = levels[id.level];
    j->title = (uint64_t)nth < COMBINATIONS
                   ? arena_printf(a, "%s%s - %s", level, id.role->title, id.team)
                   : arena_printf(a, "%s%s - %s - Req %llu", level, id.role->title, id.team,
                                  (unsigned long long)((uint64_t)nth / COMBINATIONS));
    char *fingerprint = arena_alloc(a, FINGERPRINT_LEN);
    fingerprint_job(j->company, j->title, j->location, fingerprint);
    j->fingerprint = fingerprint;
    return id;
}

/* Tech stack, description and requirements (naming the role's skills), salary, type, remote
 * option and source. */
static void plan_details(uint64_t *st, const struct identity *id, struct arena *a,
                         struct seed_job *j)
{
    j->tech_stack = plan_stack(st, id->role, a);
    j->description = arena_printf(
        a,
        "%s is hiring a %s to join the %s team in %s. You will design, build and run the "
        "services our customers rely on every day, together with a small cross-functional team.",
        j->company, j->title, id->team, id->place->name);
    j->requirements = arena_printf(
        a,
        "%d+ years of professional experience. Strong skills in %s and %s; %s is a plus. "
        "We value %s.",
        1 + (int)id->level * 2, id->role->stack[0], id->role->stack[1], id->role->stack[2],
        soft_skills[pick(st, N(soft_skills))]);
    plan_salary(st, j, id->level, id->place);
    j->job_type = job_types[pick(st, N(job_types))];
    j->remote_option = strncmp(id->place->name, "Remote", 6) == 0 ? "remote"
                       : chance(st, 25)                           ? "hybrid"
                       : chance(st, 10)                           ? "remote"
                                                                  : "onsite";
    j->source = sources[pick(st, N(sources))];
}

/* Job k of the run, with its application when it gets one. */
static void plan_job(const struct seed_options *o, long long k, const int64_t *user_ids, time_t now,
                     struct arena *a, struct seed_job *j)
{
    memset(j, 0, sizeof *j);
    uint64_t st = o->seed * 0x9E3779B97F4A7C15ull + (uint64_t)k;
    long long u, nth;
    owner_of(o, k, &u, &nth);
    j->user_id = user_ids[u];
    struct identity id = plan_identity(u, nth, a, j);
    plan_details(&st, &id, a, j);
    j->url = arena_printf(a, "https://careers.example.com/s%llu/u%lld/j%lld", o->seed, u, nth);
    char *key = fingerprint_normalize_url(j->url);
    j->url_key = arena_strdup(a, key);
    free(key);
    time_t created = now - (time_t)pick(&st, SEED_DAYS * DAY);
    j->created_at = j->updated_at = stamp(created, a);
    j->status = "not_applied";
    /* applications spread evenly over the jobs */
    j->has_application = (k + 1) * o->applications / o->jobs > k * o->applications / o->jobs;
    if (j->has_application) {
        plan_application(&st, created, now, &j->app, a);
        j->status = j->app.status; /* the job follows its application */
        j->date_applied = j->app.applied_date;
        j->updated_at = j->app.updated_at;
    }
}

/* ================================================================ inserts */

/* The columns of a job row, always all of them and in this order (the insert builder writes
 * one multi-row INSERT per batch). */
static void job_values(const struct seed_job *j, struct values *v)
{
    const struct table *t = &job_table;
    values_set(v, t, "user_id", SV_INT(j->user_id));
    values_set(v, t, "company", SV_TEXT(j->company));
    values_set(v, t, "title", SV_TEXT(j->title));
    values_set(v, t, "location", SV_TEXT(j->location));
    values_set(v, t, "description", SV_TEXT(j->description));
    values_set(v, t, "requirements", SV_TEXT(j->requirements));
    values_set(v, t, "salary_min", j->has_salary ? SV_INT(j->salary_min) : SV_NULL);
    values_set(v, t, "salary_max", j->has_salary ? SV_INT(j->salary_max) : SV_NULL);
    values_set(v, t, "currency", SV_TEXT_OR_NULL(j->currency));
    values_set(v, t, "job_type", SV_TEXT(j->job_type));
    values_set(v, t, "remote_option", SV_TEXT(j->remote_option));
    values_set(v, t, "tech_stack", SV_TEXT(j->tech_stack));
    values_set(v, t, "application_url", SV_TEXT(j->url));
    values_set(v, t, "application_url_key", SV_TEXT(j->url_key));
    values_set(v, t, "source", SV_TEXT(j->source));
    values_set(v, t, "status", SV_TEXT(j->status));
    values_set(v, t, "date_applied", SV_TEXT_OR_NULL(j->date_applied));
    values_set(v, t, "job_fingerprint", SV_TEXT(j->fingerprint));
    values_set(v, t, "created_at", SV_TEXT(j->created_at));
    values_set(v, t, "updated_at", SV_TEXT(j->updated_at));
}

/* Inserts jobs[0..n) and stores their ids (matched back through the unique URL key). */
static int insert_jobs(struct store_conn *c, struct seed_job *jobs, size_t n, struct arena *a,
                       struct err *e)
{
    struct values *rows = arena_alloc(a, n * sizeof *rows);
    for (size_t i = 0; i < n; i++) {
        rows[i].n = 0;
        job_values(&jobs[i], &rows[i]);
    }
    struct store_result *r = NULL;
    int rc = table_insert_rows(c, &job_table, rows, n, NULL, "id, application_url_key", a, &r, e);
    for (size_t row = 0; rc == 0 && row < store_rows(r); row++) {
        const char *key = store_text(r, row, 1);
        /* rows usually come back in order: try the same position first */
        size_t i = row < n && strcmp(jobs[row].url_key, key) == 0 ? row : 0;
        while (i < n && strcmp(jobs[i].url_key, key) != 0)
            i++;
        if (i < n)
            jobs[i].id = store_int(r, row, 0);
    }
    store_result_free(r);
    return rc;
}

/* Inserts the applications of jobs[0..n) that have one. */
static int insert_applications(struct store_conn *c, const struct seed_job *jobs, size_t n,
                               struct arena *a, struct err *e)
{
    const struct table *t = &application_table;
    struct values *rows = arena_alloc(a, (n ? n : 1) * sizeof *rows);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        const struct seed_job *j = &jobs[i];
        if (!j->has_application)
            continue;
        const struct seed_app *p = &j->app;
        struct values *v = &rows[m++];
        v->n = 0;
        values_set(v, t, "user_id", SV_INT(j->user_id));
        values_set(v, t, "job_id", SV_INT(j->id));
        values_set(v, t, "status", SV_TEXT(p->status));
        values_set(v, t, "previous_status", SV_TEXT_OR_NULL(p->previous_status));
        values_set(v, t, "applied_date", SV_TEXT_OR_NULL(p->applied_date));
        values_set(v, t, "response_date", SV_TEXT_OR_NULL(p->response_date));
        values_set(v, t, "interview_date", SV_TEXT_OR_NULL(p->interview_date));
        values_set(v, t, "offer_date", SV_TEXT_OR_NULL(p->offer_date));
        values_set(v, t, "follow_up_date", SV_TEXT_OR_NULL(p->follow_up_date));
        values_set(v, t, "created_at", SV_TEXT(p->created_at));
        values_set(v, t, "updated_at", SV_TEXT(p->updated_at));
    }
    return m ? table_insert_rows(c, t, rows, m, NULL, "", a, NULL, e) : 0;
}

/* ================================================================ users */

/* Skills from two roles, a place or two, a level, a goal. */
static void plan_profile(uint64_t *st, struct values *v, struct arena *a)
{
    static const char *const user_levels[] = {"entry", "junior", "mid", "senior", "lead"};
    const struct role *r1 = &roles[pick(st, N(roles))], *r2 = &roles[pick(st, N(roles))];
    struct buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    size_t n = 0;
    for (size_t i = 0; r1->stack[i]; i++)
        buf_printf(&b, "%s\"%s\"", n++ ? "," : "", r1->stack[i]);
    for (size_t i = 0; r2 != r1 && r2->stack[i] && i < 3; i++) {
        bool known = false; /* two roles may share a skill: list it once */
        for (size_t k = 0; r1->stack[k] && !known; k++)
            known = strcmp(r1->stack[k], r2->stack[i]) == 0;
        if (!known)
            buf_printf(&b, "%s\"%s\"", n++ ? "," : "", r2->stack[i]);
    }
    buf_putc(&b, ']');
    const struct place *p1 = &places[pick(st, N(places))], *p2 = &places[pick(st, N(places))];
    values_set(v, &user_table, "skills", SV_TEXT(arena_strdup(a, b.data)));
    values_set(v, &user_table, "preferred_locations",
               SV_TEXT(p1 == p2 ? arena_printf(a, "[\"%s\"]", p1->name)
                                : arena_printf(a, "[\"%s\",\"%s\"]", p1->name, p2->name)));
    values_set(v, &user_table, "experience_level", SV_TEXT(user_levels[pick(st, N(user_levels))]));
    values_set(v, &user_table, "daily_application_goal", SV_INT(3 + (int64_t)pick(st, 8)));
    values_set(v, &user_table, "prefer_remote_jobs", SV_BOOL(chance(st, 30)));
    buf_free(&b);
}

static int create_users(struct store_conn *c, const struct seed_options *o, int64_t *ids,
                        struct arena *a, struct err *e)
{
    char hash[CRYPTO_PWHASH_LEN]; /* argon2id is slow on purpose: hash once, reuse */
    if (crypto_password_hash(SEED_PASSWORD, hash) != 0)
        return err_set(e, ERR_INTERNAL, NULL, "cannot hash the password");
    int rc = store_begin(c, e);
    for (long long i = 0; rc == 0 && i < o->users; i++) {
        const char *name = arena_printf(a, "s%llu_user%03lld", o->seed, i + 1);
        json_t *user = NULL;
        int64_t existing = 0;
        rc = user_id_by_username(c, name, &existing, e);
        if (rc == 0 && existing)
            rc = err_set(e, ERR_CONFLICT, NULL,
                         "user %s exists: this seed already ran here (use another --seed)", name);
        if (rc == 0)
            rc = user_create(c, name, arena_printf(a, "%s@example.com", name), hash, false, a,
                             &user, e);
        if (rc)
            break;
        ids[i] = json_get_int(user, "id");
        json_decref(user);
        uint64_t st = o->seed * 31 + (uint64_t)i;
        struct values v = {0};
        plan_profile(&st, &v, a);
        rc = table_update(c, &user_table, 0, ids[i], &v, a, NULL, e);
    }
    if (rc == 0)
        return store_commit(c, e);
    store_rollback(c);
    return rc;
}

/* ================================================================ the command */

struct seed_totals {
    long long jobs, applications;
    long long by_status[16];
};

static const char *const app_statuses[] = {"interested", "applied",   "phone_screen", "interview",
                                           "technical",  "offer",     "accepted",     "declined",
                                           "rejected",   "withdrawn", "ghosted",      NULL};

static void count(struct seed_totals *t, const struct seed_job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        t->jobs++;
        if (!jobs[i].has_application)
            continue;
        t->applications++;
        for (int s = 0; app_statuses[s]; s++)
            if (strcmp(app_statuses[s], jobs[i].app.status) == 0)
                t->by_status[s]++;
    }
}

/* Plans and inserts the jobs (and their applications) BATCH at a time. */
static int create_jobs(struct store_conn *c, const struct seed_options *o, const int64_t *ids,
                       struct seed_totals *t, struct meter *p, struct err *e)
{
    struct seed_job *batch = xmalloc(BATCH * sizeof *batch);
    struct arena a;
    arena_init(&a);
    time_t now = time(NULL);
    int rc = store_begin(c, e), batches = 0;
    for (long long k = 0; rc == 0 && k < o->jobs; k += BATCH) {
        size_t n = (size_t)(o->jobs - k); /* more than 0: k < o->jobs */
        if (n > BATCH)
            n = BATCH;
        for (size_t i = 0; i < n; i++)
            plan_job(o, k + (long long)i, ids, now, &a, &batch[i]);
        rc = insert_jobs(c, batch, n, &a, e);
        if (rc == 0)
            rc = insert_applications(c, batch, n, &a, e);
        if (rc == 0 && ++batches % TX_BATCHES == 0) {
            rc = store_commit(c, e);
            if (rc == 0)
                rc = store_begin(c, e);
        }
        if (rc == 0) {
            count(t, batch, n);
            meter_update(p, t->jobs + t->applications);
        }
        arena_free(&a);
    }
    if (rc == 0)
        rc = store_commit(c, e);
    else
        store_rollback(c);
    arena_free(&a);
    free(batch);
    return rc;
}

static void report(const struct seed_options *o, const struct seed_totals *t, double seconds)
{
    printf("seed %llu: created %lld users, %lld jobs and %lld applications in %.2f s\n", o->seed,
           o->users, t->jobs, t->applications, seconds);
    printf("users: s%llu_user001 .. s%llu_user%03lld, password %s\n", o->seed, o->seed, o->users,
           SEED_PASSWORD);
    printf("applications by status:");
    for (int s = 0; app_statuses[s]; s++)
        if (t->by_status[s])
            printf(" %s %lld", app_statuses[s], t->by_status[s]);
    printf("\n");
}

static int run(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    const struct seed_options *o = ctx;
    int64_t started = time_monotonic_us();
    int64_t *ids = xmalloc((size_t)o->users * sizeof *ids);
    struct seed_totals totals = {0};
    struct meter p;
    meter_start(&p, "seed", "rows", o->jobs + o->applications, o->force_progress);
    int rc = create_users(c, o, ids, a, e);
    if (rc == 0)
        rc = create_jobs(c, o, ids, &totals, &p, e);
    if (rc == 0)
        rc = store_after_load(c, e);
    meter_finish(&p, rc == 0);
    if (rc == 0)
        report(o, &totals, (double)(time_monotonic_us() - started) / 1e6);
    free(ids);
    return rc;
}

/* Reads the number after argv[*i] into *out within [min, max]. */
static bool number_arg(int argc, char **argv, int *i, long long min, long long max, long long *out)
{
    if (*i + 1 >= argc)
        return false;
    char *end;
    long long v = strtoll(argv[++*i], &end, 10);
    if (*argv[*i] == '\0' || *end != '\0' || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static int usage(void)
{
    fputs("usage: copilot seed [--users N] [--jobs N] [--applications N] [--seed S] [--progress]\n"
          "  defaults: 5 users, 1000 jobs, applications for 40% of the jobs, seed 1;\n"
          "  applications <= jobs\n",
          stderr);
    return 2;
}

int cli_seed(int argc, char **argv)
{
    struct seed_options o = {5, 1000, -1, 1, false};
    long long seed = 1;
    for (int i = 1; i < argc; i++) {
        bool ok = false;
        if (strcmp(argv[i], "--users") == 0)
            ok = number_arg(argc, argv, &i, 1, 100000, &o.users);
        else if (strcmp(argv[i], "--jobs") == 0)
            ok = number_arg(argc, argv, &i, 0, 100000000, &o.jobs);
        else if (strcmp(argv[i], "--applications") == 0)
            ok = number_arg(argc, argv, &i, 0, 100000000, &o.applications);
        else if (strcmp(argv[i], "--seed") == 0)
            ok = number_arg(argc, argv, &i, 0, 999999999, &seed);
        else if (strcmp(argv[i], "--progress") == 0)
            ok = o.force_progress = true;
        if (!ok)
            return usage();
    }
    o.seed = (unsigned long long)seed;
    if (o.applications < 0) /* not given: 40% of the jobs (400 of the default 1000) */
        o.applications = o.jobs * 2 / 5;
    if (o.applications > o.jobs) {
        fputs("copilot seed: --applications cannot exceed --jobs (one application per job)\n",
              stderr);
        return 2;
    }
    struct err e = {0};
    int rc = cli_with_store(run, &o, &e);
    if (rc)
        fprintf(stderr, "copilot seed: %s\n", e.message);
    return rc == 0 ? 0 : 1;
}
