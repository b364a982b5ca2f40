/*
 * This file implements the SQLite backend of the store (the struct store_ops declared in
 * store_backend.h). Each pooled connection is one sqlite3 handle opened in multi-thread mode
 * (the pool hands a connection to one thread at a time), in WAL journal mode with foreign keys
 * on and a busy timeout, so readers never block the writer and writers queue instead of failing.
 *
 * Statements are prepared once per connection and kept in a small hash table keyed by their SQL
 * text; store_exec binds, steps to the end, copies every row into a struct store_result of text
 * cells, then resets the statement for the next call. SQLite's extended result codes are mapped
 * onto the ERR_* family here, and the constraint named in SQLite's message ("UNIQUE constraint
 * failed: users.email") is passed up in err.constraint.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../lib/buf.h"
#include "../lib/hash.h"
#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "store.h"
#include "store_backend.h"

#define CACHE_BUCKETS 256
/* Past this many statements per connection, new SQL texts are prepared, run and finalized
 * without being kept: a bound on memory should some caller build SQL with unbounded variety. */
#define CACHE_MAX 1024
#define FULLTEXT_MAX_WORDS 16

/* Run on every new connection. busy_timeout comes first so that switching the journal mode
 * waits for, rather than fails on, a connection that holds the database (wait_for_writer
 * replaces it once the connection is set up). synchronous=NORMAL:
 * SQLite itself syncs the WAL only at a checkpoint; every commit is made durable by
 * wal_committed below, after the write lock is released and before the statement that
 * committed returns (docs/decisions.md, "SQLite's commits are durable"). */
static const char SETUP_SQL[] = "PRAGMA busy_timeout=5000;"
                                "PRAGMA journal_mode=WAL;"
                                "PRAGMA foreign_keys=ON;"
                                "PRAGMA synchronous=NORMAL;"
                                /* 16 MiB page cache (unless store_options says otherwise:
                                 * the server's) and memory-mapped reads per connection:
                                 * list scans otherwise turn into thousands of pread calls */
                                "PRAGMA cache_size=-16384;"
                                "PRAGMA mmap_size=268435456;";

/* A checkpoint is run after a commit that leaves the WAL with at least this many frames of 4 KiB
 * (in place of SQLite's wal_autocheckpoint, 1,000 by default, which wal_committed replaces).
 * Every commit is synced, so the checkpoints no longer bound what a power cut can take: rarer
 * ones copy each hot page once for more commits (docs/performance.md, "POST /jobs (eleventh
 * round)"). */
#define CHECKPOINT_FRAMES 10000
static int checkpoint_frames = CHECKPOINT_FRAMES; /* a variable for the unit tests */

/* The background checkpointer's wait for the write lock and for the readers of older frames
 * (checkpoint_busy): this many waits of at most CKPT_POLL_US, then it gives up until the next
 * commit past checkpoint_frames wakes it. While it holds the write lock the writers wait, so
 * this bounds their stall. */
#define CKPT_POLL_US 1000
#define CKPT_BUSY_TRIES 20

/* The commits of one database file in this process that wait for a sync of its WAL: a sync
 * that begins after a commit's frames were written covers it, so the commits that finish while
 * one sync runs share the next. Never freed (one per database file the process opens). */
struct wal_group {
    char *path;
    pthread_mutex_t lock;
    pthread_cond_t done;
    uint64_t asked;          /* commits counted, each after its frames were written */
    uint64_t synced;         /* the commits 1..synced are covered by a completed sync */
    uint64_t failed;         /* the commits 1..failed were covered by a sync that failed */
    bool running;            /* a sync is under way */
    pthread_cond_t released; /* broadcast after each commit: the write lock is free */
    uint64_t releases;       /* commits seen by wal_committed, for released's waiters */
    /* the background checkpointer (store_options.background_checkpoint: the server's) */
    bool ckpt_started;        /* its thread runs */
    bool ckpt_wanted;         /* a commit left checkpoint_frames or more since it last began */
    bool ckpt_running;        /* it is checkpointing */
    pthread_cond_t ckpt_wake; /* ckpt_wanted was set */
    pthread_cond_t ckpt_idle; /* it went back to waiting */
    uint64_t ckpt_restarts;   /* its RESTART checkpoints that completed */
    /* the syncer (store_when_synced: commits acknowledged once synced, off the committer's
     * thread); its waiters in ticket order */
    bool syncer_started;
    pthread_cond_t syncer_wake;
    struct sync_waiter *waiters;
    struct wal_group *next;
};

/* A commit waiting for the syncer: done(arg, rc) once a sync covers ticket. */
struct sync_waiter {
    uint64_t ticket;
    void (*done)(void *arg, int rc);
    void *arg;
    int rc; /* set by covered_waiters, under the group's lock */
    struct sync_waiter *next;
};

struct cached_stmt {
    char *sql;
    uint32_t hash;
    sqlite3_stmt *stmt;
    struct cached_stmt *next;
};

struct sqlite_conn {
    struct store_conn base;
    sqlite3 *db;
    bool utf8; /* the database's text is UTF-8 (PRAGMA encoding): read as it is stored */
    struct wal_group *group; /* this connection's database file's */
    bool background;         /* checkpoints by the group's checkpointer, not in the hook */
    /* store_defer_sync: the hook counts its commits (the last one's ticket in unsynced) and
     * returns without syncing; store_take_unsynced hands the ticket on, store_release syncs
     * what was not taken */
    bool defer_sync;
    uint64_t unsynced;
    int64_t busy_since_us; /* when the busy handler's current wait began */
    struct cached_stmt *buckets[CACHE_BUCKETS];
    int ncached;
};

/* ================================================================ errors */

/* Records code and SQLite's current error message for db in e (unless e already holds an
 * error), with the constraint named after "constraint failed: " in e->constraint.
 * Returns code. */
static int report(sqlite3 *db, int code, struct err *e)
{
    static const char marker[] = "constraint failed: ";
    const char *msg = sqlite3_errmsg(db);
    if (e == NULL || e->code != ERR_OK)
        return code;
    err_set(e, code, NULL, "%s", msg);
    const char *name = strstr(msg, marker);
    if (name && code != ERR_DB)
        snprintf(e->constraint, sizeof e->constraint, "%s", name + sizeof marker - 1);
    return code;
}

/* Maps the last error on db to an ERR_* code, fills e (see report) and returns the code. */
static int map_error(sqlite3 *db, struct err *e)
{
    int extended = sqlite3_extended_errcode(db);
    switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
    case SQLITE_CONSTRAINT_ROWID:
        return report(db, ERR_CONFLICT, e);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
        return report(db, ERR_FOREIGN_KEY, e);
    default:
        /* CHECK, NOT NULL, RAISE() in a trigger: the row broke a rule of the schema. */
        if ((extended & 0xff) == SQLITE_CONSTRAINT)
            return report(db, ERR_CHECK, e);
        return report(db, ERR_DB, e);
    }
}

/* ================================================================ connecting */

/* Creates every missing directory above the file at path, like mkdir -p on its dirname.
 * Returns 0 or ERR_DB with e filled. */
static int make_parent_dirs(const char *path, struct err *e)
{
    char dir[sizeof((struct store_url *)0)->path];
    snprintf(dir, sizeof dir, "%s", path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
            int mkdir_errno = errno;
            struct stat st; /* EACCES/EROFS on a directory that exists is no failure */
            if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
                return err_set(e, ERR_DB, NULL, "cannot create directory %s: %s", dir,
                               strerror(mkdir_errno));
        }
        *p = '/';
    }
    return 0;
}

/* Finalizes every cached statement and closes the handle; c stays allocated, not open. */
static void close_handle(struct sqlite_conn *c)
{
    for (int i = 0; i < CACHE_BUCKETS; i++) {
        struct cached_stmt *s = c->buckets[i];
        while (s) {
            struct cached_stmt *next = s->next;
            sqlite3_finalize(s->stmt);
            free(s->sql);
            free(s);
            s = next;
        }
        c->buckets[i] = NULL;
    }
    c->ncached = 0;
    sqlite3_close(c->db);
    c->db = NULL;
    c->base.broken = true;
}

static struct store_conn *sqlite_create(void)
{
    struct sqlite_conn *c = xcalloc(1, sizeof *c);
    c->base.ops = &store_sqlite_ops;
    c->base.broken = true;
    return &c->base;
}

/* ================================================================ sets of ids */

/* A set of rowids as SQL sees it: a BLOB of int64 in ascending order, no repeat (native byte
 * order; it never leaves the process). Built by the aggregate copilot_ids(id), asked by
 * copilot_in_ids(set, id): a search's matches walked once for both its count and its page
 * (store_sql_fulltext_ids, store_sql_in_ids). */
struct id_set {
    sqlite3_int64 *ids;
    size_t n, cap;
    bool unsorted;
    bool failed;
};

static int compare_ids(const void *a, const void *b)
{
    sqlite3_int64 x = *(const sqlite3_int64 *)a, y = *(const sqlite3_int64 *)b;
    return (x > y) - (x < y);
}

static void ids_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    struct id_set *s = sqlite3_aggregate_context(ctx, sizeof *s);
    if (s == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (s->failed || sqlite3_value_type(argv[0]) != SQLITE_INTEGER)
        return; /* a NULL rowid cannot be: nothing to add */
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 1024;
        sqlite3_int64 *ids = sqlite3_realloc64(s->ids, cap * sizeof *ids);
        if (ids == NULL) {
            s->failed = true;
            return;
        }
        s->ids = ids;
        s->cap = cap;
    }
    sqlite3_int64 id = sqlite3_value_int64(argv[0]);
    s->unsorted |= s->n > 0 && id <= s->ids[s->n - 1];
    s->ids[s->n++] = id;
}

static void ids_final(sqlite3_context *ctx)
{
    struct id_set *s = sqlite3_aggregate_context(ctx, 0);
    if (s && s->failed) {
        sqlite3_free(s->ids);
        sqlite3_result_error_nomem(ctx);
        return;
    }
    if (s == NULL || s->n == 0) {
        if (s)
            sqlite3_free(s->ids);
        sqlite3_result_zeroblob(ctx, 0); /* the empty set: an empty BLOB, not NULL */
        return;
    }
    if (s->unsorted) { /* FTS5 gives rowids in ascending order; anything else is sorted here */
        qsort(s->ids, s->n, sizeof *s->ids, compare_ids);
        size_t w = 1;
        for (size_t r = 1; r < s->n; r++)
            if (s->ids[r] != s->ids[w - 1])
                s->ids[w++] = s->ids[r];
        s->n = w;
    }
    sqlite3_result_blob64(ctx, s->ids, s->n * sizeof *s->ids, sqlite3_free);
}

/* copilot_in_ids(set, id): 1 when id is in the set (a binary search), else 0; NULL for a NULL
 * id. The set is a bound parameter: SQLite hands the caller's bytes, not a copy, to each call. */
static void in_ids(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[1]) == SQLITE_NULL)
        return;
    const sqlite3_int64 *ids = sqlite3_value_blob(argv[0]);
    size_t lo = 0, hi = (size_t)sqlite3_value_bytes(argv[0]) / sizeof *ids;
    sqlite3_int64 id = sqlite3_value_int64(argv[1]);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        sqlite3_int64 v;
        memcpy(&v, ids + mid, sizeof v); /* a bound BLOB need not be aligned */
        if (v < id)
            lo = mid + 1;
        else if (v > id)
            hi = mid;
        else {
            sqlite3_result_int(ctx, 1);
            return;
        }
    }
    sqlite3_result_int(ctx, 0);
}

/* copilot_fts_not_owner(words): the FTS5 query of a search (sqlite_fulltext_arg: quoted
 * phrases) for an index that also holds the owner's id as its column user_id (migration 0038):
 * the words themselves when each phrase holds an ASCII letter, else the words kept out of that
 * column ("- user_id : (words)"). The column holds one token, the owner's id in digits; a phrase
 * with a letter is a token with a letter, or two tokens or more, and matches no such column, so
 * the filter, which makes FTS5 read each match's columns (0.07-0.1 ms at 12,497 matches), is
 * left out only where it cannot change the matches. */
static void fts_not_owner(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *words = (const char *)sqlite3_value_text(argv[0]);
    if (words == NULL)
        return;
    bool quoted = false, letter = false, every = true;
    for (const char *p = words; *p && every; p++) {
        if (*p == '"') {
            every = !quoted || letter;
            quoted = !quoted;
            letter = false;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
            letter = true;
        }
    }
    if (every && !quoted) {
        sqlite3_result_value(ctx, argv[0]);
        return;
    }
    char *out = sqlite3_mprintf("- user_id : (%s)", words);
    if (out == NULL)
        sqlite3_result_error_nomem(ctx);
    else
        sqlite3_result_text(ctx, out, -1, sqlite3_free);
}

/* copilot_ids_json(set): the ids of a set as a JSON array, for json_each to list them (a set
 * that drives a statement: a few matches whose rows are looked up). */
static void ids_json(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const sqlite3_int64 *ids = sqlite3_value_blob(argv[0]);
    size_t n = (size_t)sqlite3_value_bytes(argv[0]) / sizeof *ids;
    char *out = sqlite3_malloc64(n * 21 + 3), *o = out;
    if (out == NULL) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    *o++ = '[';
    for (size_t i = 0; i < n; i++) {
        sqlite3_int64 v;
        memcpy(&v, ids + i, sizeof v);
        o += sprintf(o, i ? ",%lld" : "%lld", (long long)v);
    }
    *o++ = ']';
    sqlite3_result_text64(ctx, out, (sqlite3_uint64)(o - out), sqlite3_free, SQLITE_UTF8);
}

/* Registers copilot_ids, copilot_in_ids, copilot_ids_json and copilot_fts_not_owner on db. */
static int add_id_sets(sqlite3 *db)
{
    int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
    int rc = sqlite3_create_function(db, "copilot_ids", 1, flags, NULL, NULL, ids_step, ids_final);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "copilot_in_ids", 2, flags, NULL, in_ids, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "copilot_ids_json", 1, flags, NULL, ids_json, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_create_function(db, "copilot_fts_not_owner", 1, flags, NULL, fts_not_owner,
                                     NULL, NULL);
    return rc;
}

/* ================================================================ durable commits */

static pthread_mutex_t groups_lock = PTHREAD_MUTEX_INITIALIZER;
static struct wal_group *groups;

/* The group of the database file at path (as SQLite names it: absolute). */
static struct wal_group *group_for(const char *path)
{
    pthread_mutex_lock(&groups_lock);
    struct wal_group *g = groups;
    while (g && strcmp(g->path, path) != 0)
        g = g->next;
    if (g == NULL) {
        g = xcalloc(1, sizeof *g);
        g->path = xstrdup(path);
        pthread_mutex_init(&g->lock, NULL);
        pthread_cond_init(&g->done, NULL);
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
        pthread_cond_init(&g->released, &attr);
        pthread_condattr_destroy(&attr);
        pthread_cond_init(&g->ckpt_wake, NULL);
        pthread_cond_init(&g->ckpt_idle, NULL);
        pthread_cond_init(&g->syncer_wake, NULL);
        g->next = groups;
        groups = g;
    }
    pthread_mutex_unlock(&groups_lock);
    return g;
}

/* Runs syncs of the WAL (on its handle wal) until the commits 1..ticket are covered by a
 * completed one (or by a failed one), sharing the syncs of the group's other threads: a sync
 * covers every commit counted before it began, so the commits counted while one runs share the
 * next. Called and returns with g->lock held. Returns SQLITE_OK, or the error of the sync that
 * covered ticket. */
static int sync_through(struct wal_group *g, sqlite3_file *wal, uint64_t ticket)
{
    int rc = SQLITE_OK;
    while (g->synced < ticket && g->failed < ticket) {
        if (g->running) {
            pthread_cond_wait(&g->done, &g->lock);
            continue;
        }
        g->running = true;
        uint64_t covers = g->asked; /* each of them wrote its frames before it was counted */
        pthread_mutex_unlock(&g->lock);
        int sync_rc = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL);
        pthread_mutex_lock(&g->lock);
        g->running = false;
        if (sync_rc == SQLITE_OK) {
            if (covers > g->synced)
                g->synced = covers;
        } else {
            rc = sync_rc;
            if (covers > g->failed)
                g->failed = covers;
        }
        pthread_cond_broadcast(&g->done);
    }
    if (g->synced < ticket && rc == SQLITE_OK)
        rc = SQLITE_IOERR_FSYNC; /* the sync that covered ticket failed */
    return rc;
}

/* The WAL's handle of db, or NULL. */
static sqlite3_file *wal_file(sqlite3 *db)
{
    sqlite3_file *wal = NULL;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal) != SQLITE_OK ||
        wal == NULL || wal->pMethods == NULL)
        return NULL;
    return wal;
}

/* Makes every commit of c's database finished so far durable: returns once a sync of the WAL
 * that began after this call did complete (run by this thread on its own handle of the WAL, or
 * by another thread of the same group on its handle: the same file, see docs/decisions.md).
 * Returns SQLITE_OK, or the error of the sync that covered this call. */
static int sync_wal(struct sqlite_conn *c)
{
    sqlite3_file *wal = wal_file(c->db);
    if (wal == NULL)
        return SQLITE_IOERR_FSYNC;
    struct wal_group *g = c->group;
    pthread_mutex_lock(&g->lock);
    int rc = sync_through(g, wal, ++g->asked);
    pthread_mutex_unlock(&g->lock);
    return rc;
}

/* Syncs what c committed without syncing (defer_sync) and nobody took (store_take_unsynced):
 * returns once it is durable. */
static void sync_unsynced(struct sqlite_conn *c)
{
    if (c->unsynced == 0)
        return;
    sqlite3_file *wal = c->db ? wal_file(c->db) : NULL;
    struct wal_group *g = c->group;
    pthread_mutex_lock(&g->lock);
    if (wal != NULL)
        (void)sync_through(g, wal, c->unsynced);
    pthread_mutex_unlock(&g->lock);
    c->unsynced = 0;
}

/* Wakes the writers waiting for the write lock (wait_for_writer): it is free again. */
static void lock_released(struct wal_group *g)
{
    pthread_mutex_lock(&g->lock);
    g->releases++;
    pthread_cond_broadcast(&g->released);
    pthread_mutex_unlock(&g->lock);
}

/* Waits until a commit of this process releases g's write lock (lock_released) or the
 * monotonic clock reaches until_us. */
static void wait_for_release(struct wal_group *g, int64_t until_us)
{
    struct timespec deadline = {(time_t)(until_us / 1000000), (long)(until_us % 1000000) * 1000};
    pthread_mutex_lock(&g->lock);
    uint64_t seen = g->releases;
    while (g->releases == seen &&
           pthread_cond_timedwait(&g->released, &g->lock, &deadline) != ETIMEDOUT) {
    }
    pthread_mutex_unlock(&g->lock);
}

/* sqlite3_busy_handler of the checkpointer's connection: waits for a commit that frees the
 * write lock, or CKPT_POLL_US (readers of older frames, a rollback), CKPT_BUSY_TRIES times. */
static int checkpoint_busy(void *arg, int count)
{
    struct wal_group *g = arg;
    if (count >= CKPT_BUSY_TRIES)
        return 0;
    wait_for_release(g, time_monotonic_us() + CKPT_POLL_US);
    return 1;
}

/* One round of the checkpointer on its connection db: copies what the readers allow into the
 * database file and syncs it, outside the write lock (PASSIVE), then takes the write lock, copies
 * the rest, waits for the readers of the WAL to leave and restarts it (RESTART): the next commit
 * writes its frames from the WAL's start, over space the file already has, rather than appending
 * to it. Returns whether the WAL was restarted. */
static bool checkpoint_round(sqlite3 *db, struct wal_group *g)
{
    int frames = 0, copied = 0;
    (void)sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_PASSIVE, &frames, &copied);
    /* the pages copied, on disk before the write lock is taken: RESTART syncs the database
     * file again under the lock, with little left to write */
    sqlite3_file *file = NULL;
    if (copied > 0 &&
        sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK &&
        file != NULL && file->pMethods != NULL)
        (void)file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
    bool restarted = sqlite3_wal_checkpoint_v2(db, "main", SQLITE_CHECKPOINT_RESTART, &frames,
                                               &copied) == SQLITE_OK;
    lock_released(g); /* the writers that waited for the lock while it held it */
    return restarted;
}

/* Opens the checkpointer's connection to path in *db. Small: no lookaside, no schema read (a
 * checkpoint needs neither; "PRAGMA user_version" reads the file's header only, which opens its
 * WAL: a connection that has read nothing does not checkpoint). Its synchronous setting is left
 * at the default: a checkpoint syncs the same way under FULL and NORMAL, and it never commits. */
static int open_checkpointer(const char *path, sqlite3 **db)
{
    int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_db_config(*db, SQLITE_DBCONFIG_LOOKASIDE, NULL, 0, 0);
    if (rc == SQLITE_OK) /* the checkpointer sets its own busy handler; the syncer keeps this */
        rc = sqlite3_busy_timeout(*db, 5000);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(*db, "PRAGMA user_version", NULL, NULL, NULL);
    return rc;
}

/* The group's checkpointer thread: runs checkpoint_round whenever a commit left
 * checkpoint_frames or more in the WAL, on a connection of its own (closed when it goes idle,
 * so it is not what keeps the WAL file when the pool closes). Never ends. */
static void *checkpointer(void *arg)
{
    struct wal_group *g = arg;
    sqlite3 *db = NULL;
    pthread_mutex_lock(&g->lock);
    for (;;) {
        if (!g->ckpt_wanted && db != NULL) {
            pthread_mutex_unlock(&g->lock);
            sqlite3_close(db);
            db = NULL;
            pthread_mutex_lock(&g->lock);
            continue;
        }
        if (!g->ckpt_wanted) {
            g->ckpt_running = false;
            pthread_cond_broadcast(&g->ckpt_idle);
            while (!g->ckpt_wanted)
                pthread_cond_wait(&g->ckpt_wake, &g->lock);
        }
        g->ckpt_wanted = false;
        g->ckpt_running = true;
        pthread_mutex_unlock(&g->lock);
        if (db == NULL && open_checkpointer(g->path, &db) != SQLITE_OK) {
            sqlite3_close(db);
            db = NULL;
        }
        if (db != NULL)
            sqlite3_busy_handler(db, checkpoint_busy, g);
        bool restarted = db != NULL && checkpoint_round(db, g);
        pthread_mutex_lock(&g->lock);
        if (restarted)
            g->ckpt_restarts++;
    }
    return NULL;
}

/* Asks g's checkpointer for a round (starting its thread the first time). Returns false when
 * the thread cannot be started: the caller checkpoints itself. */
static bool wake_checkpointer(struct wal_group *g)
{
    pthread_mutex_lock(&g->lock);
    if (!g->ckpt_started) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        g->ckpt_started = g->ckpt_running = pthread_create(&t, &attr, checkpointer, g) == 0;
        pthread_attr_destroy(&attr);
    }
    if (g->ckpt_started) {
        g->ckpt_wanted = true;
        pthread_cond_signal(&g->ckpt_wake);
    }
    bool started = g->ckpt_started;
    pthread_mutex_unlock(&g->lock);
    return started;
}

/* How long the syncer keeps its connection open with nobody waiting (a load's next commit is
 * usually a fraction of a millisecond away; an idle server closes it). */
#define SYNCER_IDLE_US 100000

/* Takes the waiters of g whose ticket a completed (or failed) sync covers, in ticket order,
 * each with its answer (rc). Called with g->lock held. */
static struct sync_waiter *covered_waiters(struct wal_group *g)
{
    struct sync_waiter *first = g->waiters, **end = &g->waiters;
    while (*end && ((*end)->ticket <= g->synced || (*end)->ticket <= g->failed)) {
        (*end)->rc = (*end)->ticket <= g->synced ? 0 : ERR_DB;
        end = &(*end)->next;
    }
    g->waiters = *end;
    *end = NULL;
    return g->waiters == first ? NULL : first;
}

/* The group's syncer thread (store_when_synced): while commits wait, syncs the WAL back to back
 * on a connection of its own (sync_through, shared with the threads that sync in the hook) and
 * calls each waiter's done once a sync that began after its commit completed: 0, or ERR_DB when
 * that sync failed (the commit happened, but must not be acknowledged). The connection is closed
 * after SYNCER_IDLE_US with nobody waiting. Never ends. */
static void *syncer(void *arg)
{
    struct wal_group *g = arg;
    sqlite3 *db = NULL;
    sqlite3_file *wal = NULL;
    pthread_mutex_lock(&g->lock);
    for (;;) {
        if (g->waiters == NULL) {
            int64_t until = time_monotonic_us() + SYNCER_IDLE_US;
            struct timespec deadline = {(time_t)(until / 1000000), (long)(until % 1000000) * 1000};
            bool timed_out = false;
            while (g->waiters == NULL && !timed_out)
                timed_out = db != NULL ? pthread_cond_timedwait(&g->syncer_wake, &g->lock,
                                                                &deadline) == ETIMEDOUT
                                       : (pthread_cond_wait(&g->syncer_wake, &g->lock), false);
            if (g->waiters == NULL) { /* idle: the connection is not what keeps the WAL */
                pthread_mutex_unlock(&g->lock);
                sqlite3_close(db);
                db = NULL;
                wal = NULL;
                pthread_mutex_lock(&g->lock);
                continue;
            }
        }
        if (db == NULL) {
            pthread_mutex_unlock(&g->lock);
            if (open_checkpointer(g->path, &db) != SQLITE_OK) {
                sqlite3_close(db);
                db = NULL;
            }
            wal = db != NULL ? wal_file(db) : NULL;
            pthread_mutex_lock(&g->lock);
        }
        uint64_t last = 0; /* the highest ticket: the list's last */
        for (struct sync_waiter *w = g->waiters; w; w = w->next)
            last = w->ticket;
        if (wal != NULL)
            (void)sync_through(g, wal, last);
        else if (last > g->failed) /* no handle of the WAL: nothing can be acknowledged */
            g->failed = last;
        struct sync_waiter *done = covered_waiters(g);
        pthread_mutex_unlock(&g->lock);
        while (done) {
            struct sync_waiter *next = done->next;
            done->done(done->arg, done->rc); /* g->synced moves once the lock is free */
            free(done);
            done = next;
        }
        pthread_mutex_lock(&g->lock);
    }
    return NULL;
}

/* Starts g's syncer thread unless it runs. Returns whether it runs. Called with g->lock held. */
static bool start_syncer(struct wal_group *g)
{
    if (!g->syncer_started) {
        pthread_t t;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        g->syncer_started = pthread_create(&t, &attr, syncer, g) == 0;
        pthread_attr_destroy(&attr);
    }
    return g->syncer_started;
}

/* store_defer_sync: only where the checkpoints run in the background (the server), so that the
 * hook has nothing to do after the sync it leaves out, and only with a syncer to run it. */
static bool sqlite_defer_sync(struct store_conn *base)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    if (c->db == NULL || !c->background)
        return false;
    pthread_mutex_lock(&c->group->lock);
    c->defer_sync = start_syncer(c->group);
    pthread_mutex_unlock(&c->group->lock);
    return c->defer_sync;
}

static bool sqlite_take_unsynced(struct store_conn *base, struct store_unsynced *out)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    if (c->unsynced == 0)
        return false;
    *out = (struct store_unsynced){c->group, c->unsynced};
    c->unsynced = 0;
    return true;
}

static void sqlite_when_synced(const struct store_unsynced *u, void (*done)(void *arg, int rc),
                               void *arg)
{
    struct wal_group *g = u->group;
    pthread_mutex_lock(&g->lock);
    if (g->synced >= u->ticket || g->failed >= u->ticket) {
        int rc = g->synced >= u->ticket ? 0 : ERR_DB;
        pthread_mutex_unlock(&g->lock);
        done(arg, rc);
        return;
    }
    struct sync_waiter *w = xmalloc(sizeof *w);
    *w = (struct sync_waiter){.ticket = u->ticket, .done = done, .arg = arg};
    struct sync_waiter **p = &g->waiters; /* tickets are taken in order, handed on in any */
    while (*p && (*p)->ticket <= w->ticket)
        p = &(*p)->next;
    w->next = *p;
    *p = w;
    pthread_cond_signal(&g->syncer_wake);
    pthread_mutex_unlock(&g->lock);
}

/* Before the connection goes back to the pool: what it committed without a sync and nobody
 * took is synced now, and its next user syncs in the hook again. */
static void sqlite_settle(struct store_conn *base)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sync_unsynced(c);
    c->defer_sync = false;
}

/* sqlite3_wal_hook: called after each commit of a connection (its frames written, the write
 * lock released). Wakes the writers waiting for the lock (wait_for_writer), so that their
 * commits land while this one's sync runs and share the next, syncs the WAL, then, past
 * checkpoint_frames, checkpoints: in the server by waking the group's checkpointer (off the
 * request's path; it also restarts the WAL so that commits overwrite it rather than append),
 * elsewhere here as SQLite's own hook would. An error fails the statement that committed (the
 * commit happened, but it is not acknowledged). */
static int wal_committed(void *arg, sqlite3 *db, const char *name, int frames)
{
    if (strcmp(name, "main") != 0)
        return SQLITE_OK;
    struct sqlite_conn *c = arg;
    lock_released(c->group);
    int rc = SQLITE_OK;
    if (c->defer_sync) { /* counted now, synced by whoever takes the ticket (or at release) */
        pthread_mutex_lock(&c->group->lock);
        c->unsynced = ++c->group->asked;
        pthread_mutex_unlock(&c->group->lock);
    } else {
        rc = sync_wal(c);
    }
    if (rc == SQLITE_OK && frames >= checkpoint_frames &&
        !(c->background && wake_checkpointer(c->group)))
        (void)sqlite3_wal_checkpoint(db, name);
    return rc;
}

#define BUSY_WAIT_US 5000000    /* in all, as PRAGMA busy_timeout=5000 */
#define BUSY_POLL_US 2000       /* the longest wait for a wake-up, at first */
#define BUSY_POLL_LONG_US 20000 /* after BUSY_POLL_TRIES waits (a long write elsewhere) */
#define BUSY_POLL_TRIES 50

/* sqlite3_busy_handler: the database is locked (another connection writes). Waits until a
 * commit of this process releases the write lock (wal_committed broadcasts it) or the poll's
 * time passes (a rollback, a writer in another process), then lets SQLite try again, for
 * BUSY_WAIT_US in all. SQLite's own handler (busy_timeout) sleeps 1, 2, 5, 10 ms...: a waiting
 * writer woke long after the lock was free, and the rest of a WAL sync went by unused
 * (docs/performance.md, "Sustained writes on SQLite (fifteenth round)"). */
static int wait_for_writer(void *arg, int count)
{
    struct sqlite_conn *c = arg;
    int64_t now = time_monotonic_us(); /* CLOCK_MONOTONIC, as g->released's */
    if (count == 0)
        c->busy_since_us = now;
    else if (now - c->busy_since_us >= BUSY_WAIT_US)
        return 0;
    wait_for_release(c->group, now + (count < BUSY_POLL_TRIES ? BUSY_POLL_US : BUSY_POLL_LONG_US));
    return 1;
}

/* Whether db keeps its text in UTF-8 (the default of a new database; PRAGMA encoding is fixed
 * when the file is created). */
static bool text_is_utf8(sqlite3 *db)
{
    sqlite3_stmt *stmt = NULL;
    bool utf8 = sqlite3_prepare_v2(db, "PRAGMA encoding", -1, &stmt, NULL) == SQLITE_OK &&
                sqlite3_step(stmt) == SQLITE_ROW &&
                strcmp((const char *)sqlite3_column_text(stmt, 0), "UTF-8") == 0;
    sqlite3_finalize(stmt);
    return utf8;
}

/* No memory statistics: with them every allocation SQLite makes takes a process-wide mutex
 * (nothing reads them: no sqlite3_memory_used, no heap limit). Only possible before SQLite
 * initialises; later it refuses, which changes nothing else. */
static void sqlite_settings(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Opens the database file url->path (creating it and its directory when missing) and applies
 * the connection settings. Returns 0, or ERR_DB with e filled. */
static int sqlite_open(struct store_conn *base, const struct store_url *url, struct err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_settings);
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    close_handle(c);
    if (make_parent_dirs(url->path, e))
        return ERR_DB;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(url->path, &db, flags, NULL) != SQLITE_OK) {
        err_set(e, ERR_DB, NULL, "cannot open %s: %s", url->path,
                db ? sqlite3_errmsg(db) : "out of memory");
        goto fail;
    }
    sqlite3_extended_result_codes(db, 1);
    char cache_sql[64] = "";
    if (url->page_cache_kib > 0)
        snprintf(cache_sql, sizeof cache_sql, "PRAGMA cache_size=-%d;", url->page_cache_kib);
    if (sqlite3_exec(db, SETUP_SQL, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, cache_sql, NULL, NULL, NULL) != SQLITE_OK ||
        add_id_sets(db) != SQLITE_OK) {
        err_set(e, ERR_DB, NULL, "cannot open %s: %s", url->path, sqlite3_errmsg(db));
        goto fail;
    }
    c->db = db;
    c->utf8 = text_is_utf8(db);
    const char *file = sqlite3_db_filename(db, "main");
    c->group = group_for(file ? file : url->path);
    c->background = url->background_checkpoint;
    sqlite3_wal_hook(db, wal_committed, c);
    sqlite3_busy_handler(db, wait_for_writer, c);
    c->base.broken = false;
    return 0;
fail:
    sqlite3_close(db);
    return ERR_DB;
}

/* A file on this machine does not go away under an open handle. */
static bool sqlite_alive(struct store_conn *base)
{
    return ((struct sqlite_conn *)base)->db != NULL;
}

static void sqlite_disconnect(struct store_conn *base)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    close_handle(c);
    free(c);
}

/* ================================================================ statement cache */

/* FNV-1a: cheap, and good enough to spread a few hundred SQL texts over the buckets. */
static uint32_t hash_text(const char *s)
{
    return (uint32_t)fnv1a_text(FNV1A_SEED, s);
}

/* True when nothing but white space and semicolons is left in tail. */
static bool only_blank(const char *tail)
{
    return tail == NULL || tail[strspn(tail, " \t\r\n;")] == '\0';
}

/* Sets *out to the prepared statement for sql: the cached one, or a new one that is cached
 * while the cache has room. *transient is set when the statement is not cached and the caller
 * must finalize it after use. Returns 0, ERR_INTERNAL when sql holds no statement or more than
 * one, or the mapped error when it does not compile (no such table, syntax error). */
static int statement_for(struct sqlite_conn *c, const char *sql, sqlite3_stmt **out,
                         bool *transient, struct err *e)
{
    uint32_t hash = hash_text(sql);
    struct cached_stmt **bucket = &c->buckets[hash % CACHE_BUCKETS];
    for (struct cached_stmt *s = *bucket; s; s = s->next) {
        if (s->hash == hash && strcmp(s->sql, sql) == 0) {
            *out = s->stmt;
            *transient = false;
            return 0;
        }
    }
    bool keep = c->ncached < CACHE_MAX;
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, &tail) !=
        SQLITE_OK)
        return map_error(c->db, e);
    if (stmt == NULL || !only_blank(tail)) {
        sqlite3_finalize(stmt);
        return err_set(e, ERR_INTERNAL, NULL, "store_exec takes exactly one statement: %.120s",
                       sql);
    }
    *out = stmt;
    *transient = !keep;
    if (keep) {
        struct cached_stmt *s = xmalloc(sizeof *s);
        *s = (struct cached_stmt){.sql = xstrdup(sql), .hash = hash, .stmt = stmt, .next = *bucket};
        *bucket = s;
        c->ncached++;
    }
    return 0;
}

/* ================================================================ running SQL */

/* Binds params[0..n) to stmt. Text is bound SQLITE_STATIC: the caller keeps it alive until the
 * statement is reset, which sqlite_exec does before returning. Returns 0, ERR_INTERNAL when the
 * statement expects another number of parameters, or the mapped error. */
static int bind_params(sqlite3 *db, sqlite3_stmt *stmt, const struct store_value *params, int n,
                       struct err *e)
{
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != n)
        return err_set(e, ERR_INTERNAL, NULL, "statement takes %d parameters, %d given: %.120s",
                       expected, n, sqlite3_sql(stmt));
    for (int i = 0; i < n; i++) {
        const struct store_value *v = &params[i];
        int rc;
        switch (v->type) {
        case STORE_INT:
            rc = sqlite3_bind_int64(stmt, i + 1, v->i);
            break;
        case STORE_BOOL:
            rc = sqlite3_bind_int64(stmt, i + 1, v->i != 0);
            break;
        case STORE_REAL:
            rc = sqlite3_bind_double(stmt, i + 1, v->d);
            break;
        case STORE_TEXT: /* n bytes when given (SV_TEXTN: a NUL inside is kept) */
            rc = v->s ? sqlite3_bind_text64(stmt, i + 1, v->s, v->n ? v->n : strlen(v->s),
                                            SQLITE_STATIC, SQLITE_UTF8)
                      : sqlite3_bind_null(stmt, i + 1);
            break;
        case STORE_BLOB: /* zero bytes bind as an empty BLOB, not NULL */
            rc = sqlite3_bind_blob64(stmt, i + 1, v->s ? v->s : "", v->n, SQLITE_STATIC);
            break;
        default:
            rc = sqlite3_bind_null(stmt, i + 1);
        }
        if (rc != SQLITE_OK)
            return map_error(db, e);
    }
    return 0;
}

/* An empty result shaped like stmt's output columns. */
static struct store_result *result_for(sqlite3_stmt *stmt)
{
    int ncols = sqlite3_column_count(stmt);
    const char **names = xcalloc((size_t)(ncols ? ncols : 1), sizeof *names);
    for (int i = 0; i < ncols; i++) {
        names[i] = sqlite3_column_name(stmt, i);
        if (names[i] == NULL)
            names[i] = "";
    }
    struct store_result *r = store_result_new(ncols, names);
    free(names);
    return r;
}

/* Copies the current row of stmt into the last row of r: text cells (a blob's bytes as they
 * are; an integer as "%lld" gives it), SQL NULL left NULL. With utf8, a text cell's bytes are
 * taken as stored (sqlite3_value_blob: no conversion, and no copy made to add the NUL that
 * sqlite3_value_text adds; store_result_set terminates its own copy). Each cell is read through
 * its sqlite3_value (one call for the value, then its type, text and length), not the
 * sqlite3_column_* calls, which each look the column up again: a page of 20 jobs is 600 cells.
 * The connection is used by one thread at a time (SQLITE_OPEN_NOMUTEX, one per pool slot), so
 * the unprotected value is safe to read. */
static void read_row(sqlite3_stmt *stmt, struct store_result *r, int ncols, bool utf8)
{
    for (int i = 0; i < ncols; i++) {
        sqlite3_value *v = sqlite3_column_value(stmt, i);
        int type = sqlite3_value_type(v);
        if (type == SQLITE_NULL)
            continue;
        if (type == SQLITE_INTEGER) { /* the text SQLite would give, without its conversion */
            char text[BUF_INT_LEN];
            store_result_set(r, i, text, buf_int_text(sqlite3_value_int64(v), text));
            continue;
        }
        const char *bytes = type == SQLITE_BLOB || (type == SQLITE_TEXT && utf8)
                                ? (const char *)sqlite3_value_blob(v)
                                : (const char *)sqlite3_value_text(v);
        store_result_set(r, i, bytes ? bytes : "", (size_t)sqlite3_value_bytes(v));
    }
}

/* Steps stmt to the end. When r is not NULL, *r receives a new result holding every row (text
 * cells; SQL NULL stays NULL), also on failure (the caller frees it). The result is shaped
 * after the first step, since a step may re-prepare the statement after a schema change and
 * alter its columns. Returns 0 or the mapped error. */
static int step_all(struct sqlite_conn *c, sqlite3_stmt *stmt, struct store_result **r,
                    struct err *e)
{
    int rc = sqlite3_step(stmt);
    if (r)
        *r = result_for(stmt);
    int ncols = r ? store_cols(*r) : 0;
    for (; rc == SQLITE_ROW; rc = sqlite3_step(stmt)) {
        if (r == NULL)
            continue;
        store_result_add_row(*r);
        read_row(stmt, *r, ncols, c->utf8);
    }
    return rc == SQLITE_DONE ? 0 : map_error(c->db, e);
}

/* Rows changed by the statement just run: sqlite3_changes64 counts only the last completed
 * INSERT/UPDATE/DELETE, so it is taken only when this statement changed something (the total
 * moved); a SELECT or a DDL statement reports 0, not a stale count. */
static int64_t changes_of(sqlite3 *db, sqlite3_stmt *stmt, int64_t total_before)
{
    if (sqlite3_stmt_readonly(stmt) || sqlite3_total_changes64(db) == total_before)
        return 0;
    return sqlite3_changes64(db);
}

/* store_ops.exec: see store_exec in store.h. */
static int sqlite_exec(struct store_conn *base, const char *sql, const struct store_value *params,
                       int nparams, struct store_result **out, struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    struct store_result *r = NULL;
    sqlite3_stmt *stmt = NULL;
    bool transient = false;
    int rc = statement_for(c, sql, &stmt, &transient, e);
    if (rc)
        return rc;
    rc = bind_params(c->db, stmt, params, nparams, e);
    if (rc)
        goto done;
    int64_t total_before = sqlite3_total_changes64(c->db);
    rc = step_all(c, stmt, out ? &r : NULL, e);
    if (rc)
        goto done;
    if (out) {
        store_result_set_changes(r, changes_of(c->db, stmt, total_before));
        *out = r;
        r = NULL;
    }
done:
    store_result_free(r);
    if (transient) {
        sqlite3_finalize(stmt);
    } else {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
    return rc;
}

/* ================================================================ cursors */

/* store_ops.cursor_open: a statement of its own (never the cached one, which another call with
 * the same SQL would reset under the cursor), bound, not yet stepped. */
static int sqlite_cursor_open(struct store_conn *base, const char *sql,
                              const struct store_value *params, int nparams, void **state,
                              struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, 0, &stmt, &tail) != SQLITE_OK)
        return map_error(c->db, e);
    if (stmt == NULL || !only_blank(tail)) {
        sqlite3_finalize(stmt);
        return err_set(e, ERR_INTERNAL, NULL, "a cursor takes exactly one statement: %.120s", sql);
    }
    int rc = bind_params(c->db, stmt, params, nparams, e);
    if (rc) {
        sqlite3_finalize(stmt);
        return rc;
    }
    *state = stmt;
    return 0;
}

/* store_ops.cursor_next: one sqlite3_step. */
static int sqlite_cursor_next(struct store_conn *base, void *state, struct store_result **row,
                              struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sqlite3_stmt *stmt = state;
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return map_error(c->db, e);
    if (*row == NULL)
        *row = result_for(stmt);
    store_result_clear(*row);
    if (rc == SQLITE_DONE)
        return 0;
    store_result_add_row(*row);
    read_row(stmt, *row, store_cols(*row), c->utf8);
    return 1;
}

static void sqlite_cursor_close(struct store_conn *base, void *state)
{
    sqlite3_finalize(state);
}

/* store_ops.exec_script: runs every statement of sql in turn, stopping at the first error. */
static int sqlite_exec_script(struct store_conn *base, const char *sql, struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    if (sqlite3_exec(c->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return map_error(c->db, e);
    return 0;
}

/* ================================================================ full-text search */

/* The tables whose FTS5 index also holds the owner, as its column user_id (migration 0038): a
 * search leaves that column out, and an owner's matches are counted in the index alone. */
static bool fts_has_owner(const char *table)
{
    return strcmp(table, "jobs") == 0;
}

/* The migrations keep an FTS5 index <table>_fts over the table (content='<table>',
 * content_rowid='id'), maintained by triggers. */
static void sqlite_sql_fulltext(const char *table, char *out, size_t n)
{
    if (fts_has_owner(table)) /* the words in any column but the owner's */
        snprintf(out, n,
                 "id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH copilot_fts_not_owner(?))",
                 table, table);
    else
        snprintf(out, n, "id IN (SELECT rowid FROM %s_fts WHERE %s_fts MATCH ?)", table, table);
}

/* The owner's matches: the owner's id, the one token of the user_id column, intersected with
 * the words in the other columns, without reading a row. The cost follows the shorter of the
 * owner's list and the words' lists (FTS5 skips through the longer one), where checking each
 * match's owner in the table follows the matches of every owner: 12,497 of 100,000 jobs,
 * 1.9 ms against 7.9 ms; a rare word among many jobs costs a little more (617: 1.2 against
 * 0.7 ms). every_owner: the matches of every owner, the words' lists alone (one '?'): for a
 * database where the owner holds every row, the same count without the owner's list (12,497
 * matches: 0.48 against 1.34 ms). */
static bool fulltext_select(const char *what, const char *table, bool every_owner, char *out,
                            size_t n)
{
    if (!fts_has_owner(table))
        return false;
    if (every_owner)
        snprintf(out, n, "SELECT %s FROM %s_fts WHERE %s_fts MATCH copilot_fts_not_owner(?)", what,
                 table, table);
    else
        snprintf(out, n,
                 "SELECT %s FROM %s_fts WHERE %s_fts MATCH "
                 "'user_id : \"' || ? || '\" AND (' || copilot_fts_not_owner(?) || ')'",
                 what, table, table);
    return true;
}

static bool sqlite_sql_fulltext_count(const char *table, bool every_owner, char *out, size_t n)
{
    return fulltext_select("COUNT(*)", table, every_owner, out, n);
}

/* The same matches as a set of ids (copilot_ids): walked once, counted by their number and
 * asked by the page (copilot_in_ids) instead of walked again into an IN list. */
static bool sqlite_sql_fulltext_ids(const char *table, bool every_owner, char *out, size_t n)
{
    return fulltext_select("copilot_ids(rowid)", table, every_owner, out, n);
}

/* An FTS5 query: each word of q as a quoted prefix phrase ("word"*), all of them required
 * (FTS5's implicit AND). Quoting leaves nothing of q for FTS5 to read as an operator. Returns
 * malloc'd text, or NULL when q has no word. At most FULLTEXT_MAX_WORDS words are kept. */
static char *sqlite_fulltext_arg(const char *q)
{
    struct buf b;
    buf_init(&b);
    int words = 0;
    const char *p = q, *start;
    size_t len;
    while (words < FULLTEXT_MAX_WORDS && (len = store_next_word(&p, &start)) > 0)
        buf_printf(&b, "%s\"%.*s\"*", words++ ? " " : "", (int)len, start);
    if (words == 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_steal(&b);
}

/* ================================================================ the file as a whole */

/* Copies the database of src into dst in one step of the online backup API: a consistent
 * snapshot of src (a read transaction, which in WAL mode lets writers go on) written to dst in
 * one write transaction. Returns 0 or ERR_DB with e filled (what names the operation). */
static int copy_database(sqlite3 *dst, sqlite3 *src, const char *what, struct err *e)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (b == NULL)
        return err_set(e, ERR_DB, NULL, "%s: %s", what, sqlite3_errmsg(dst));
    int step = sqlite3_backup_step(b, -1);
    int finish = sqlite3_backup_finish(b);
    if (step != SQLITE_DONE || finish != SQLITE_OK)
        return err_set(e, ERR_DB, NULL, "%s: %s", what,
                       step == SQLITE_BUSY || step == SQLITE_LOCKED ? "the database is locked"
                                                                    : sqlite3_errmsg(dst));
    return 0;
}

/* store_ops.backup_to: see store_backup. The copy is written to "<path>.partial" in rollback
 * journal mode (one self-contained file) and linked to path only when complete, so path never
 * holds half a backup and an existing file is never overwritten. */
static int sqlite_backup_to(struct store_conn *base, const char *path, struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    char partial[sizeof((struct store_url *)0)->path + 16];
    if (snprintf(partial, sizeof partial, "%s.partial", path) >= (int)sizeof partial)
        return err_set(e, ERR_INVALID, NULL, "the backup path is too long");
    if (access(path, F_OK) == 0)
        return err_set(e, ERR_CONFLICT, NULL, "%s already exists", path);
    unlink(partial); /* left over from an interrupted backup */
    sqlite3 *dst = NULL;
    int rc = 0;
    if (sqlite3_open_v2(partial, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        rc = err_set(e, ERR_DB, NULL, "cannot create %s: %s", partial,
                     dst ? sqlite3_errmsg(dst) : "out of memory");
        goto done;
    }
    rc = copy_database(dst, c->db, "backup", e);
    if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
        rc = err_set(e, ERR_DB, NULL, "backup: %s", sqlite3_errmsg(dst));
done:
    if (sqlite3_close(dst) != SQLITE_OK && rc == 0)
        rc = err_set(e, ERR_DB, NULL, "cannot close %s", partial);
    if (rc == 0 && link(partial, path) != 0)
        rc = err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_DB, NULL, "cannot create %s: %s", path,
                     strerror(errno));
    unlink(partial);
    return rc;
}

/* Reads one integer from a query on db; -1 when it fails. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* store_ops.restore_from: see store_restore. The file at path is opened read-only and must be a
 * sound Career Copilot database (quick_check, a schema_migrations table) no newer than
 * newest_known; its content then replaces this connection's database in one transaction,
 * which the other connections of this process see at their next statement. */
static int sqlite_restore_from(struct store_conn *base, const char *path, int newest_known,
                               struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sqlite3 *src = NULL;
    int rc = 0;
    if (access(path, R_OK) != 0) {
        rc = err_set(e, ERR_NOT_FOUND, NULL, "cannot read %s: %s", path, strerror(errno));
        goto done;
    }
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = err_set(e, ERR_INVALID, NULL, "%s: %s", path,
                     src ? sqlite3_errmsg(src) : "out of memory");
        goto done;
    }
    sqlite3_stmt *check = NULL;
    bool sound = sqlite3_prepare_v2(src, "PRAGMA quick_check", -1, &check, NULL) == SQLITE_OK &&
                 sqlite3_step(check) == SQLITE_ROW &&
                 strcmp((const char *)sqlite3_column_text(check, 0), "ok") == 0;
    sqlite3_finalize(check);
    if (!sound) {
        rc = err_set(e, ERR_INVALID, NULL, "%s is not a sound SQLite database", path);
        goto done;
    }
    int64_t version = query_int(src, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (version <= 0) {
        rc = err_set(e, ERR_INVALID, NULL, "%s is not a Career Copilot database", path);
        goto done;
    }
    if (version > newest_known) {
        rc = err_set(e, ERR_INVALID, NULL,
                     "%s has schema version %lld, newer than this copilot knows (%d)", path,
                     (long long)version, newest_known);
        goto done;
    }
    rc = copy_database(c->db, src, "restore", e);
    /* the backup API commits without calling the WAL hook */
    if (rc == 0 && sync_wal(c) != SQLITE_OK)
        rc = err_set(e, ERR_DB, NULL, "restore: cannot sync the WAL");
done:
    sqlite3_close(src);
    return rc;
}

const struct store_ops store_sqlite_ops = {
    .create = sqlite_create,
    .open = sqlite_open,
    .alive = sqlite_alive,
    .disconnect = sqlite_disconnect,
    .exec = sqlite_exec,
    .exec_script = sqlite_exec_script,
    .begin_sql = "BEGIN IMMEDIATE",
    /* deferred: the first read takes the snapshot, and in WAL mode writers go on */
    .begin_snapshot_sql = "BEGIN",
    /* one WAL read lock (fcntl, fstat, fcntl) per request instead of one per statement */
    .read_scope = true,
    .read_only_sql = "SELECT count(*) < 0 FROM sqlite_schema", /* reads the file, never true */
    .backup_to = sqlite_backup_to,
    .defer_sync = sqlite_defer_sync,
    .take_unsynced = sqlite_take_unsynced,
    .when_synced = sqlite_when_synced,
    .settle = sqlite_settle,
    .restore_from = sqlite_restore_from,
    .lock_migrations = NULL, /* BEGIN IMMEDIATE already serialises migrators */
    .unlock_migrations = NULL,
    .sql_fulltext = sqlite_sql_fulltext,
    .fulltext_arg = sqlite_fulltext_arg,
    .sql_fulltext_count = sqlite_sql_fulltext_count,
    .sql_fulltext_ids = sqlite_sql_fulltext_ids,
    .in_ids = "copilot_in_ids(?, %s)",
    .ids_drive = "%s IN (SELECT value FROM json_each(copilot_ids_json(?)))",
    .cursor_open = sqlite_cursor_open,
    .cursor_next = sqlite_cursor_next,
    .cursor_close = sqlite_cursor_close,
    .array_param = "?",
    .array_contains = "EXISTS (SELECT 1 FROM json_each(%s) WHERE value = ?)",
    .array_overlaps = "EXISTS (SELECT 1 FROM json_each(%s) WHERE value IN (SELECT value FROM "
                      "json_each(?)))",
    .in_texts = "%s IN (SELECT value FROM json_each(?))",
    .for_update = "", /* BEGIN IMMEDIATE already holds the database's write lock */
    .no_index = "+",  /* unary plus: the planner uses no index for the term */
    .nulls_low = true,
};
