/*
 * This file implements the durable commits of the SQLite backend: every commit is synced
 * before the statement that made it returns (the WAL hook, store_sqlite_wal_committed), the
 * commits of one database file that finish while a sync runs share the next (struct
 * wal_group), a waiting writer is woken when the write lock is released (the busy handler,
 * store_sqlite_wait_for_writer), the server's checkpoints run on a thread of their own, and a
 * syncer thread acknowledges the commits of store_when_synced once a sync covers them.
 */
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../lib/timeutil.h"
#include "../lib/xalloc.h"
#include "store_sqlite_internal.h"

/* A checkpoint is run after a commit that leaves the WAL with at least this many frames of 4 KiB
 * (in place of SQLite's wal_autocheckpoint, 1,000 by default, which store_sqlite_wal_committed
 * replaces). Every commit is synced, so the checkpoints no longer bound what a power cut can take:
 * rarer ones copy each hot page once for more commits (docs/performance.md, "POST /jobs (eleventh
 * round)"). */
#define CHECKPOINT_FRAMES 10000
int store_sqlite_checkpoint_frames = CHECKPOINT_FRAMES; /* a variable for the unit tests */

/* The background checkpointer's wait for the write lock and for the readers of older frames
 * (checkpoint_busy): this many waits of at most CKPT_POLL_US, then it gives up until the next
 * commit past store_sqlite_checkpoint_frames wakes it. While it holds the write lock the writers
 * wait, so this bounds their stall. */
#define CKPT_POLL_US 1000
#define CKPT_BUSY_TRIES 20

/* ================================================================ durable commits */

static pthread_mutex_t groups_lock = PTHREAD_MUTEX_INITIALIZER;
static struct wal_group *groups;

/* The group of the database file at path (as SQLite names it: absolute). */
struct wal_group *store_sqlite_group_for(const char *path)
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
        pthread_cond_init(&g->syncer_wake, &attr); /* the syncer's idle wait is timed too */
        pthread_condattr_destroy(&attr);
        pthread_cond_init(&g->ckpt_wake, NULL);
        pthread_cond_init(&g->ckpt_idle, NULL);
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
int store_sqlite_sync_wal(struct sqlite_conn *c)
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

/* Wakes the writers waiting for the write lock (store_sqlite_wait_for_writer): it is free again. */
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
 * store_sqlite_checkpoint_frames or more in the WAL, on a connection of its own (closed when it
 * goes idle, so it is not what keeps the WAL file when the pool closes). Never ends. */
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
 * usually a fraction of a millisecond away; an idle server closes it). A variable for the unit
 * tests. Each new connection costs an open, a read of the WAL's index and, at its first sync, a
 * sync of the directory too (SQLite syncs the directory of a file it opened with
 * SQLITE_OPEN_CREATE, which the WAL is, once per handle). */
int64_t store_sqlite_syncer_idle_us = 100000;

/* Takes the waiters of g whose ticket a completed (or failed) sync covers, in ticket order,
 * each with its answer (rc); NULL when none is covered. Called with g->lock held. */
static struct sync_waiter *covered_waiters(struct wal_group *g)
{
    struct sync_waiter *first = g->waiters, **end = &g->waiters;
    while (*end && ((*end)->ticket <= g->synced || (*end)->ticket <= g->failed)) {
        (*end)->rc = (*end)->ticket <= g->synced ? 0 : ERR_DB;
        end = &(*end)->next;
    }
    if (end == &g->waiters)
        return NULL; /* the list as it was */
    g->waiters = *end;
    *end = NULL;
    return first;
}

/* The group's syncer thread (store_when_synced): while commits wait, syncs the WAL back to back
 * on a connection of its own (sync_through, shared with the threads that sync in the hook) and
 * calls each waiter's done once a sync that began after its commit completed: 0, or ERR_DB when
 * that sync failed (the commit happened, but must not be acknowledged). The connection is closed
 * after store_sqlite_syncer_idle_us with nobody waiting (g->syncer_wake waits on the monotonic
 * clock, as the deadline is written). Never ends. */
static void *syncer(void *arg)
{
    struct wal_group *g = arg;
    sqlite3 *db = NULL;
    sqlite3_file *wal = NULL;
    pthread_mutex_lock(&g->lock);
    for (;;) {
        if (g->waiters == NULL) {
            int64_t until = time_monotonic_us() + store_sqlite_syncer_idle_us;
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
            g->syncer_opens++;
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
bool store_sqlite_defer_sync(struct store_conn *base)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    if (c->db == NULL || !c->background)
        return false;
    pthread_mutex_lock(&c->group->lock);
    c->defer_sync = start_syncer(c->group);
    pthread_mutex_unlock(&c->group->lock);
    return c->defer_sync;
}

bool store_sqlite_take_unsynced(struct store_conn *base, struct store_unsynced *out)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    if (c->unsynced == 0)
        return false;
    *out = (struct store_unsynced){c->group, c->unsynced};
    c->unsynced = 0;
    return true;
}

void store_sqlite_when_synced(const struct store_unsynced *u, void (*done)(void *arg, int rc),
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
 * took is synced now, its next user syncs in the hook again, and no read transaction is left
 * open for it. */
void store_sqlite_settle(struct store_conn *base)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sync_unsynced(c);
    c->defer_sync = false;
    if (c->db)
        store_sqlite_end_leaked_read(c->db); /* no snapshot reaches the next request */
}

/* sqlite3_wal_hook: called after each commit of a connection (its frames written, the write
 * lock released). Wakes the writers waiting for the lock (store_sqlite_wait_for_writer), so that
 * their commits land while this one's sync runs and share the next, syncs the WAL, then, past
 * store_sqlite_checkpoint_frames, checkpoints: in the server by waking the group's checkpointer
 * (off the request's path; it also restarts the WAL so that commits overwrite it rather than
 * append), elsewhere here as SQLite's own hook would. An error fails the statement that committed
 * (the commit happened, but it is not acknowledged). */
int store_sqlite_wal_committed(void *arg, sqlite3 *db, const char *name, int frames)
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
        rc = store_sqlite_sync_wal(c);
    }
    if (rc == SQLITE_OK && frames >= store_sqlite_checkpoint_frames &&
        !(c->background && wake_checkpointer(c->group)))
        (void)sqlite3_wal_checkpoint(db, name);
    return rc;
}

#define BUSY_WAIT_US 5000000    /* in all, as PRAGMA busy_timeout=5000 */
#define BUSY_POLL_US 2000       /* the longest wait for a wake-up, at first */
#define BUSY_POLL_LONG_US 20000 /* after BUSY_POLL_TRIES waits (a long write elsewhere) */
#define BUSY_POLL_TRIES 50

/* sqlite3_busy_handler: the database is locked (another connection writes). Waits until a
 * commit of this process releases the write lock (store_sqlite_wal_committed broadcasts it) or the
 * poll's time passes (a rollback, a writer in another process), then lets SQLite try again, for
 * BUSY_WAIT_US in all. SQLite's own handler (busy_timeout) sleeps 1, 2, 5, 10 ms...: a waiting
 * writer woke long after the lock was free, and the rest of a WAL sync went by unused
 * (docs/performance.md, "Sustained writes on SQLite (fifteenth round)"). */
int store_sqlite_wait_for_writer(void *arg, int count)
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
