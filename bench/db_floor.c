/*
 * This file contains the bench's database floor of GET /jobs/{id} (bench/run builds it with cc
 * against build/libcopilot.a, it is not part of copilot): what the statements of one get by id
 * cost on each engine with nothing around them, no HTTP, no JSON, no pool (issue 9, "on
 * PostgreSQL list, search and get-by-id >= 50% of the SQLite figure").
 *
 *   db_floor URL SQLITE_URL TOKEN JOB_ID THREADS SECONDS [THINK_US]
 *
 * The statements' texts are taken at run time from copilot's own model code: session_lookup
 * (what api_authenticate runs) and table_get_text of job_table (what api_jobs_get runs) are
 * called once through copilot's store on SQLITE_URL, with an SQLite trace recording the SELECTs
 * they prepare (the same texts on both engines; PostgreSQL gets them through the store's own
 * placeholder translation, store_pg_translate). Then THREADS threads (copilot's request threads:
 * twice the CPUs, src/cli/serve.c) each open one connection to URL, prepare both statements once
 * and loop for SECONDS over one request's statements, bound as the server binds them (the
 * token's digest and the time, then the job's id and the session's user):
 *   - SQLite (sqlite:PATH): BEGIN, the session, the row, COMMIT (the read scope copilot opens
 *     for a read-only route: store_read_scope_begin), each row's columns read as text, on a
 *     connection opened with the store's flags and pragmas (its 2 MiB page cache, the memory
 *     map) and SQLite's memory statistics off, as copilot runs it;
 *   - PostgreSQL (postgresql://...): the session and the row as one pipeline with one Sync
 *     (PQsendQueryPrepared twice, as store_exec_batch sends a guard and its rider), the results
 *     read up to the Sync.
 * Prints one line: "threads T seconds S requests N machine_s M self_s C backends_s B": the loop's
 * wall seconds, the iterations of all threads, the busy seconds of every CPU over the window
 * (/proc/stat: user, nice, system, irq, softirq, steal; everything on the machine), this
 * process's CPU over the window (getrusage) and, on PostgreSQL, the CPU of the backends serving
 * the threads (/proc/PID/stat of each PQbackendPID). The window starts once every thread is
 * connected and prepared and ends when the last has stopped.
 *
 * THINK_US (default 0) makes each thread burn that many microseconds of its own CPU after each
 * request, a stand-in for the HTTP and JSON work a server does between two round trips: with it
 * the statements arrive spaced as a server sends them, not back to back (docs/performance.md,
 * "PostgreSQL's own excess (thirtieth round)"; bench/run's spaced floor). Its CPU is in self_s.
 *
 *   db_floor post SQLITE_URL THREADS SECONDS [checked]
 *
 * The floor of POST /jobs on SQLite (docs/performance.md, "A floor for POST /jobs (thirtieth
 * round)"): THREADS threads create jobs in SQLITE_URL (a copy of the bench's database), one job
 * per transaction, through copilot's own store and model code with none of the server around
 * it: a store opened with the server's options (src/cli/serve.c: a connection per thread, the
 * 2 MiB page cache, the background checkpointer), and per job what api_jobs_create does once the
 * body is parsed: store_defer_sync, then job_create_checked with the row read back (the INSERT
 * ... RETURNING of table_insert, the statement POST /jobs runs under the write lock, committed
 * by itself), then the commit taken (store_take_unsynced) and handed to the store's syncer
 * (store_when_synced), the connection released: the server's group commit. A job counts once
 * its sync is acknowledged (the server answers then). With "checked", job_create instead: the
 * exact duplicate check and the near-duplicate scan before the insert, as POST /jobs runs them
 * (outside the lock). Each job's body is post_job.lua's (the seeded companies, a distinct
 * title), parsed by table_parse and its keys computed by job_new_keys before the call (outside
 * the lock in the server too). Prints one line: "threads T seconds S requests N machine_s M
 * self_s C insert_s I": as above, I the CPU the threads spent inside the model call (their
 * CLOCK_THREAD_CPUTIME_ID around it: the insert, or the checks and the insert, with the statement
 * and the commit; no sync, which the syncer thread does, in self_s).
 */
#define _GNU_SOURCE
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "lib/crypto.h"
#include "lib/timeutil.h"
#include "model/job.h"
#include "model/session.h"
#include "model/table.h"
#include "store/store_backend.h"

#define MAX_THREADS 64

static void die(const char *what, const char *why)
{
    fprintf(stderr, "db_floor: %s: %s\n", what, why);
    exit(1);
}

/* ================================================================ the texts */

static char *captured[2]; /* the first SELECT of each call */
static int capturing = -1;

static int on_trace(unsigned type, void *ctx, void *stmt, void *x)
{
    (void)type, (void)ctx, (void)x;
    const char *sql = sqlite3_sql(stmt);
    if (capturing >= 0 && captured[capturing] == NULL && sql && strncmp(sql, "SELECT", 6) == 0)
        captured[capturing] = strdup(sql);
    return 0;
}

static int trace_every_connection(sqlite3 *db, char **message, const sqlite3_api_routines *api)
{
    (void)message, (void)api;
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_trace, NULL);
    return SQLITE_OK;
}

/* Runs copilot's session lookup and get by id once on sqlite_url and keeps their SELECTs (the
 * texts do not depend on the data: the token's session and the job need not be in that
 * database, and the row's is the text of an owner's row whoever the owner is). */
static void capture_texts(const char *sqlite_url, const char *digest, long long job_id)
{
    sqlite3_auto_extension((void (*)(void))trace_every_connection);
    struct store *store;
    struct err e = {0};
    if (store_open(sqlite_url, 1, &store, &e) != 0)
        die(sqlite_url, e.message);
    struct store_conn *c = store_acquire(store);
    struct arena a;
    arena_init(&a);
    int64_t user = 0;
    bool is_admin;
    capturing = 0;
    (void)session_lookup(c, digest, &a, &user, &is_admin, &e);
    capturing = 1;
    struct buf text;
    buf_init(&text);
    const char *version;
    (void)table_get_text(c, &job_table, user ? user : 1, job_id, &a, &text, &version, &e);
    capturing = -1;
    buf_free(&text);
    arena_free(&a);
    store_release(store, c);
    store_close(store);
    sqlite3_cancel_auto_extension((void (*)(void))trace_every_connection);
    if (captured[0] == NULL || captured[1] == NULL)
        die("the statements' texts", "not seen in the trace");
}

/* ================================================================ the loops */

struct worker {
    pthread_t thread;
    const char *url;
    int backend; /* PostgreSQL: the backend's pid */
    long requests;
    char user[32]; /* the session's user_id, as text: the row's second parameter */
};

static const char *texts[2];
static const char *session_params[2]; /* the token's digest, the time */
static const char *job_id;
/* every thread and main meet at it four times: all prepared, the window opened, all stopped,
 * the window closed (the backends are read before the connections close) */
static pthread_barrier_t gate;
static atomic_bool stop;

static long think_us; /* THINK_US */

/* Burns think_us microseconds of the calling thread's CPU (nothing when 0). */
static void think(void)
{
    if (think_us <= 0)
        return;
    struct timespec start, t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    do {
        for (volatile int i = 0; i < 200; i++)
            ;
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    } while ((t.tv_sec - start.tv_sec) * 1000000L + (t.tv_nsec - start.tv_nsec) / 1000 < think_us);
}

static void *sqlite_loop(void *arg)
{
    struct worker *w = arg;
    sqlite3 *db;
    if (sqlite3_open_v2(w->url + strlen("sqlite:"), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK)
        die(w->url, "cannot open");
    /* src/store/store_sqlite.c's SETUP_SQL, with the server's page cache (src/cli/serve.c) */
    if (sqlite3_exec(db,
                     "PRAGMA busy_timeout=5000; PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
                     "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-2048;"
                     "PRAGMA mmap_size=268435456;",
                     NULL, NULL, NULL) != SQLITE_OK)
        die(w->url, sqlite3_errmsg(db));
    sqlite3_stmt *begin, *commit, *stmt[2];
    if (sqlite3_prepare_v3(db, "BEGIN", -1, SQLITE_PREPARE_PERSISTENT, &begin, NULL) ||
        sqlite3_prepare_v3(db, "COMMIT", -1, SQLITE_PREPARE_PERSISTENT, &commit, NULL))
        die("BEGIN/COMMIT", sqlite3_errmsg(db));
    for (int i = 0; i < 2; i++)
        if (sqlite3_prepare_v3(db, texts[i], -1, SQLITE_PREPARE_PERSISTENT, &stmt[i], NULL))
            die(texts[i], sqlite3_errmsg(db));
    /* bound as the store binds them: texts, then the id and the user as integers */
    for (int p = 0; p < 2; p++)
        sqlite3_bind_text(stmt[0], p + 1, session_params[p], -1, SQLITE_STATIC);
    if (sqlite3_step(stmt[0]) != SQLITE_ROW) /* the session's user, once (the first request) */
        die("the token's session", "not found");
    sqlite3_bind_int64(stmt[1], 1, atoll(job_id));
    sqlite3_bind_int64(stmt[1], 2, sqlite3_column_int64(stmt[0], 0));
    sqlite3_reset(stmt[0]);
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    long n = 0;
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        if (sqlite3_step(begin) != SQLITE_DONE)
            die("BEGIN", sqlite3_errmsg(db));
        sqlite3_reset(begin);
        for (int i = 0; i < 2; i++) {
            int rows = 0, rc;
            while ((rc = sqlite3_step(stmt[i])) == SQLITE_ROW) {
                for (int col = 0, cols = sqlite3_column_count(stmt[i]); col < cols; col++) {
                    (void)sqlite3_column_text(stmt[i], col);
                    (void)sqlite3_column_bytes(stmt[i], col);
                }
                rows++;
            }
            if (rc != SQLITE_DONE || rows != 1)
                die(texts[i], rc != SQLITE_DONE ? sqlite3_errmsg(db) : "not one row");
            sqlite3_reset(stmt[i]);
        }
        if (sqlite3_step(commit) != SQLITE_DONE)
            die("COMMIT", sqlite3_errmsg(db));
        sqlite3_reset(commit);
        think();
        n++;
    }
    w->requests = n;
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    for (int i = 0; i < 2; i++)
        sqlite3_finalize(stmt[i]);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_close(db);
    return NULL;
}

static void *pg_loop(void *arg)
{
    struct worker *w = arg;
    PGconn *pg = PQconnectdb(w->url);
    if (PQstatus(pg) != CONNECTION_OK)
        die(w->url, PQerrorMessage(pg));
    for (int i = 0; i < 2; i++) {
        int nparams;
        char *text = store_pg_translate(texts[i], &nparams);
        PGresult *res = PQprepare(pg, i ? "s2" : "s1", text, nparams, NULL);
        if (PQresultStatus(res) != PGRES_COMMAND_OK)
            die(text, PQerrorMessage(pg));
        PQclear(res);
        free(text);
    }
    w->backend = PQbackendPID(pg);
    PGresult *first = PQexecPrepared(pg, "s1", 2, session_params, NULL, NULL, 0);
    if (PQresultStatus(first) != PGRES_TUPLES_OK || PQntuples(first) != 1)
        die("the token's session", "not found"); /* its user, once (the first request) */
    snprintf(w->user, sizeof w->user, "%s", PQgetvalue(first, 0, 0));
    PQclear(first);
    const char *const *params[2] = {session_params, (const char *[]){job_id, w->user}};
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    long n = 0;
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        if (!PQenterPipelineMode(pg))
            die("pipeline", PQerrorMessage(pg));
        for (int i = 0; i < 2; i++)
            if (!PQsendQueryPrepared(pg, i ? "s2" : "s1", 2, params[i], NULL, NULL, 0))
                die("send", PQerrorMessage(pg));
        if (PQpipelineSync(pg) != 1)
            die("sync", PQerrorMessage(pg));
        for (int i = 0; i < 2; i++) {
            PGresult *res = PQgetResult(pg);
            if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
                die(texts[i], res ? PQresultErrorMessage(res) : PQerrorMessage(pg));
            PQclear(res);
            while ((res = PQgetResult(pg)) != NULL) /* the end of this statement's results */
                PQclear(res);
        }
        PGresult *res = PQgetResult(pg);
        if (PQresultStatus(res) != PGRES_PIPELINE_SYNC)
            die("sync", PQerrorMessage(pg));
        PQclear(res);
        if (PQexitPipelineMode(pg) != 1)
            die("pipeline", PQerrorMessage(pg));
        think();
        n++;
    }
    w->requests = n;
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    PQfinish(pg);
    return NULL;
}

/* ================================================================ the window */

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Busy seconds of every CPU so far (/proc/stat's first line). */
static double machine_busy(void)
{
    unsigned long long user, nice, system, idle, iowait, irq, softirq, steal;
    FILE *f = fopen("/proc/stat", "r");
    if (f == NULL || fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &system,
                            &idle, &iowait, &irq, &softirq, &steal) != 8)
        die("/proc/stat", "unreadable");
    fclose(f);
    return (double)(user + nice + system + irq + softirq + steal) / (double)sysconf(_SC_CLK_TCK);
}

static double self_cpu(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_utime.tv_sec + (double)u.ru_utime.tv_usec / 1e6 +
           (double)u.ru_stime.tv_sec + (double)u.ru_stime.tv_usec / 1e6;
}

/* CPU seconds of process pid so far (utime + stime), 0 when it is gone. */
static double process_cpu(int pid)
{
    char path[64], text[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return 0;
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *p = strrchr(text, ')');
    unsigned long long utime = 0, stime = 0;
    /* after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt */
    if (p == NULL ||
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return 0;
    return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

static double backends_cpu(const struct worker *w, int n)
{
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += w[i].backend ? process_cpu(w[i].backend) : 0;
    return sum;
}

/* ================================================================ the floor of POST /jobs */

static struct store *post_store;
static bool post_checked;
static atomic_long post_synced, post_taken, post_failed;
static const char *const companies[] = {"Acme Labs",       "Globex Systems",  "Initech Cloud",
                                        "Umbrella Data",   "Hooli Health",    "Wonka Digital",
                                        "Tyrell Robotics", "Cyberdyne Energy"};
static const char *const titles[] = {"Backend Engineer",  "Data Engineer",     "Platform Engineer",
                                     "Security Engineer", "Frontend Engineer", "Cloud Engineer",
                                     "QA Engineer",       "Product Engineer"};

static void post_acknowledged(void *arg, int rc)
{
    (void)arg;
    atomic_fetch_add(rc ? &post_failed : &post_synced, 1);
}

static double thread_cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct post_worker {
    pthread_t thread;
    int id;
    long requests;
    double insert_s;
};

static void *post_loop(void *arg)
{
    struct post_worker *w = arg;
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    long n = 0;
    double inside = 0;
    unsigned seed = (unsigned)w->id * 7919u + (unsigned)time(NULL);
    while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
        struct arena a;
        arena_init(&a);
        char word[9];
        for (int i = 0; i < 8; i++)
            word[i] = (char)('a' + rand_r(&seed) % 26);
        word[8] = '\0';
        json_t *body =
            json_pack("{s:s, s:s, s:s, s:s, s:i, s:i, s:s, s:s, s:s, s:[sss]}", "company",
                      companies[(n + 1) % 8], "title",
                      arena_printf(&a, "%s %s %d-%ld", titles[(n + 1) % 8], word, w->id, n + 1),
                      "location", "Remote", "description",
                      "Benchmark job: services, databases and on-call for a growing team.",
                      "salary_min", 90000, "salary_max", 120000, "currency", "EUR", "job_type",
                      "full-time", "remote_option", "remote", "tech_stack", "C", "SQL", "Linux");
        struct values v = {0};
        struct err e = {0};
        if (table_parse(&job_table, body, PARSE_CREATE, &a, &v, &e) != 0)
            die("the job's body", e.message);
        if (!post_checked)
            job_new_keys(&v, &a);
        struct store_conn *c = store_acquire(post_store);
        /* false on a connection not yet opened (its first job, synced at its commit), as in
         * the server */
        (void)store_defer_sync(c);
        json_t *job = NULL, *possible = NULL;
        double t0 = thread_cpu();
        int rc = post_checked ? job_create(c, 1, &v, &a, &job, &possible, &e)
                              : job_create_checked(c, 1, &v, &a, &job, &e);
        inside += thread_cpu() - t0;
        if (rc)
            die("the insert", e.message);
        struct store_unsynced commit;
        if (store_take_unsynced(c, &commit)) {
            atomic_fetch_add(&post_taken, 1);
            store_when_synced(&commit, post_acknowledged, NULL);
        }
        store_release(post_store, c);
        json_decref(job);
        json_decref(possible);
        json_decref(body);
        arena_free(&a);
        n++;
    }
    w->requests = n;
    w->insert_s = inside;
    pthread_barrier_wait(&gate);
    pthread_barrier_wait(&gate);
    return NULL;
}

static int post_floor(int argc, char **argv)
{
    if (argc != 5 && !(argc == 6 && strcmp(argv[5], "checked") == 0)) {
        fprintf(stderr, "usage: db_floor post SQLITE_URL THREADS SECONDS [checked]\n");
        return 2;
    }
    int threads = atoi(argv[3]);
    double seconds = atof(argv[4]);
    post_checked = argc == 6;
    if (threads < 1 || threads > MAX_THREADS || seconds <= 0)
        die("THREADS or SECONDS", "out of range");
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (crypto_init() != 0)
        die("libsodium", "cannot start");
    /* src/cli/serve.c's options: a connection per request thread */
    struct store_options opts = {
        .pool_size = threads, .page_cache_kib = 2048, .background_checkpoint = true};
    struct err e = {0};
    if (store_open_with(argv[2], &opts, &post_store, &e) != 0)
        die(argv[2], e.message);
    struct post_worker w[MAX_THREADS] = {0};
    pthread_barrier_init(&gate, NULL, (unsigned)threads + 1);
    for (int i = 0; i < threads; i++) {
        w[i].id = i + 1;
        if (pthread_create(&w[i].thread, NULL, post_loop, &w[i]) != 0)
            die("threads", "cannot start");
    }
    pthread_barrier_wait(&gate);
    double t0 = now_s(), m0 = machine_busy(), s0 = self_cpu();
    pthread_barrier_wait(&gate);
    struct timespec nap = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&nap, NULL);
    atomic_store(&stop, true);
    pthread_barrier_wait(&gate);
    /* the window closes when the last job's sync is acknowledged (the server answers then) */
    while (atomic_load(&post_synced) + atomic_load(&post_failed) < atomic_load(&post_taken))
        nanosleep(&(struct timespec){0, 100000}, NULL);
    double t1 = now_s(), m1 = machine_busy(), s1 = self_cpu();
    pthread_barrier_wait(&gate);
    long requests = 0;
    double inside = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(w[i].thread, NULL);
        requests += w[i].requests;
        inside += w[i].insert_s;
    }
    store_close(post_store);
    if (atomic_load(&post_failed))
        die("the syncs", "some failed");
    printf("threads %d seconds %.3f requests %ld machine_s %.2f self_s %.2f insert_s %.2f\n",
           threads, t1 - t0, requests, m1 - m0, s1 - s0, inside);
    fprintf(stderr, "db_floor: post%s: %ld jobs, %ld commits handed to the syncer\n",
            post_checked ? " checked" : "", requests, atomic_load(&post_taken));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "post") == 0)
        return post_floor(argc, argv);
    if (argc != 7 && argc != 8) {
        fprintf(stderr, "usage: db_floor URL SQLITE_URL TOKEN JOB_ID THREADS SECONDS [THINK_US]\n"
                        "       db_floor post SQLITE_URL THREADS SECONDS [checked]\n");
        return 2;
    }
    think_us = argc == 8 ? atol(argv[7]) : 0;
    const char *url = argv[1];
    int threads = atoi(argv[5]);
    double seconds = atof(argv[6]);
    if (threads < 1 || threads > MAX_THREADS || seconds <= 0 || think_us < 0)
        die("THREADS, SECONDS or THINK_US", "out of range");
    bool pg = strncmp(url, "postgresql:", 11) == 0 || strncmp(url, "postgres:", 9) == 0;
    if (!pg && strncmp(url, "sqlite:", 7) != 0)
        die(url, "neither sqlite: nor postgresql:");
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); /* as src/store/store_sqlite.c does */
    if (crypto_init() != 0)
        die("libsodium", "cannot start");
    char digest[CRYPTO_DIGEST_LEN];
    crypto_token_digest(argv[3], digest);
    capture_texts(argv[2], digest, atoll(argv[4]));
    struct arena a;
    arena_init(&a);
    texts[0] = captured[0];
    texts[1] = captured[1];
    session_params[0] = digest;
    session_params[1] = time_now_text(&a); /* the session's expires_at > now */
    job_id = argv[4];
    struct worker w[MAX_THREADS] = {0};
    pthread_barrier_init(&gate, NULL, (unsigned)threads + 1);
    for (int i = 0; i < threads; i++) {
        w[i].url = url;
        if (pthread_create(&w[i].thread, NULL, pg ? pg_loop : sqlite_loop, &w[i]) != 0)
            die("threads", "cannot start");
    }
    pthread_barrier_wait(&gate);
    double t0 = now_s(), m0 = machine_busy(), s0 = self_cpu(), b0 = backends_cpu(w, threads);
    pthread_barrier_wait(&gate);
    struct timespec nap = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    nanosleep(&nap, NULL);
    atomic_store(&stop, true);
    pthread_barrier_wait(&gate);
    double t1 = now_s(), m1 = machine_busy(), s1 = self_cpu(), b1 = backends_cpu(w, threads);
    pthread_barrier_wait(&gate);
    long requests = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(w[i].thread, NULL);
        requests += w[i].requests;
    }
    printf("threads %d seconds %.3f requests %ld machine_s %.2f self_s %.2f backends_s %.2f\n",
           threads, t1 - t0, requests, m1 - m0, s1 - s0, b1 - b0);
    fprintf(stderr, "db_floor: session: %s\ndb_floor: row: %.160s...\n", texts[0], texts[1]);
    arena_free(&a);
    return 0;
}
