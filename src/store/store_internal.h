/*
 * This file declares what the engine-neutral files of the store share (store.c: URL parsing,
 * the pool, the fault point; store_exec.c: running SQL, guards, batches, transactions, cursors;
 * store_dialect.c: the database file as a whole and what differs by engine; store_result.c:
 * the result both backends fill): the pool and the helpers one file defines for another. Only
 * those files see it.
 */
#ifndef COPILOT_STORE_STORE_INTERNAL_H
#define COPILOT_STORE_STORE_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "store.h"
#include "store_backend.h"

struct store {
    struct store_url url;
    const struct store_ops *ops;
    pthread_mutex_t lock;
    pthread_cond_t freed; /* waits on CLOCK_MONOTONIC */
    int size;
    int acquire_timeout_ms;
    struct store_conn **slots; /* NULL = not created yet; otherwise always this backend's */
    bool *busy;
    int in_use, waiting;
    atomic_llong reconnects, timeouts;
    int file_fd; /* SQLite: the database file, flock()ed for the store's lifetime; else -1 */
};

/* Opens (or reopens) c on its store's URL; a reopening counts as a reconnection. */

/* store.c */
int store_open_conn(struct store_conn *c, struct err *e);
int store_fault_point(struct store_conn *c, struct err *e);

/* store_exec.c */
int store_ensure_open(struct store_conn *c, struct err *e);

#endif
