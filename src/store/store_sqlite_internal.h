/*
 * This file declares what the files of the SQLite backend share (store_sqlite.c: connections,
 * statements, cursors and the vtable; store_sqlite_sync.c: durable commits;
 * store_sqlite_search.c: sets of ids and full-text search; store_sqlite_file.c: the database
 * file as a whole): the connection, the group of commits waiting for a sync of a file's WAL, and
 * the helpers one file defines for another. Only those files (and the store's unit test, which
 * includes store_sqlite.c) see it.
 */
#ifndef COPILOT_STORE_STORE_SQLITE_INTERNAL_H
#define COPILOT_STORE_STORE_SQLITE_INTERNAL_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "store_backend.h"

#define CACHE_BUCKETS 256

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
    uint64_t releases; /* commits seen by store_sqlite_wal_committed, for released's waiters */
    /* the background checkpointer (store_options.background_checkpoint: the server's) */
    bool ckpt_started; /* its thread runs */
    bool ckpt_wanted; /* a commit left store_sqlite_checkpoint_frames or more since it last began */
    bool ckpt_running;        /* it is checkpointing */
    pthread_cond_t ckpt_wake; /* ckpt_wanted was set */
    pthread_cond_t ckpt_idle; /* it went back to waiting */
    uint64_t ckpt_restarts;   /* its RESTART checkpoints that completed */
    /* the syncer (store_when_synced: commits acknowledged once synced, off the committer's
     * thread); its waiters in ticket order */
    bool syncer_started;
    pthread_cond_t syncer_wake; /* on CLOCK_MONOTONIC */
    uint64_t syncer_opens;      /* connections the syncer opened */
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

/* store_sqlite_sync.c: a commit leaving at least this many frames in the WAL is followed by a
 * checkpoint (a variable for the unit tests). */
extern int store_sqlite_checkpoint_frames;
extern int64_t store_sqlite_syncer_idle_us;
struct wal_group *store_sqlite_group_for(const char *path);
int store_sqlite_sync_wal(struct sqlite_conn *c);
int store_sqlite_wal_committed(void *arg, sqlite3 *db, const char *name, int frames);
int store_sqlite_wait_for_writer(void *arg, int count);
bool store_sqlite_defer_sync(struct store_conn *base);
bool store_sqlite_take_unsynced(struct store_conn *base, struct store_unsynced *out);
void store_sqlite_when_synced(const struct store_unsynced *u, void (*done)(void *arg, int rc),
                              void *arg);
void store_sqlite_settle(struct store_conn *base);
/* Ends a read transaction left open in autocommit mode (FTS5 after a failed statement). */
void store_sqlite_end_leaked_read(sqlite3 *db);

/* store_sqlite_search.c */
int store_sqlite_add_id_sets(sqlite3 *db);
void store_sqlite_sql_fulltext(const char *table, char *out, size_t n);
bool store_sqlite_sql_fulltext_count(const char *table, bool every_owner, char *out, size_t n);
bool store_sqlite_sql_fulltext_ids(const char *table, bool every_owner, char *out, size_t n);
char *store_sqlite_fulltext_arg(const char *q);

/* store_sqlite_file.c */
int store_sqlite_backup_to(struct store_conn *base, const char *path, struct err *e);
int store_sqlite_restore_from(struct store_conn *base, const char *path, int newest_known,
                              struct err *e);

#endif
