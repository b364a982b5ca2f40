/* This file implements the work pool of workpool.h: one mutex, one condition variable, a FIFO
 * list of jobs scanned for the oldest whose kind is under its cap. */
#include "workpool.h"

#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "timeutil.h"
#include "xalloc.h"

struct job {
    workpool_fn fn;
    void *arg;
    int kind;
    int64_t deadline_us; /* monotonic; 0 = none */
    struct job *next;
};

struct workpool {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct job *head, *tail; /* waiting, oldest first */
    int kinds, caps[WORKPOOL_MAX_KINDS], running[WORKPOOL_MAX_KINDS];
    int queued, load, queue_max;
    bool stopping;
    int nthreads;
    pthread_t *threads;
};

/* The oldest waiting job whose kind may start now, unlinked; NULL when none. Under the lock. */
static struct job *take(struct workpool *p)
{
    for (struct job **link = &p->head, *prev = NULL; *link; prev = *link, link = &(*link)->next) {
        struct job *j = *link;
        if (p->running[j->kind] >= p->caps[j->kind])
            continue;
        *link = j->next;
        if (p->tail == j)
            p->tail = prev;
        p->queued--;
        p->running[j->kind]++;
        return j;
    }
    return NULL;
}

static void *worker_main(void *arg)
{
    struct workpool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        struct job *j = take(p);
        if (j == NULL) {
            if (p->stopping && p->queued == 0)
                break;
            pthread_cond_wait(&p->changed, &p->lock);
            continue;
        }
        pthread_mutex_unlock(&p->lock);
        bool expired = j->deadline_us && time_monotonic_us() > j->deadline_us;
        j->fn(j->arg, expired);
        pthread_mutex_lock(&p->lock);
        p->running[j->kind]--;
        p->load--;
        free(j);
        pthread_cond_broadcast(&p->changed); /* a cap may have room again */
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

struct workpool *workpool_start(int threads, int queue_max, int kinds, const int *caps)
{
    assert(threads >= 1 && queue_max >= 1 && kinds >= 1 && kinds <= WORKPOOL_MAX_KINDS);
    struct workpool *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    p->kinds = kinds;
    for (int k = 0; k < kinds; k++) {
        assert(caps[k] >= 1);
        p->caps[k] = caps[k];
    }
    p->queue_max = queue_max;
    p->nthreads = threads;
    p->threads = xcalloc((size_t)threads, sizeof *p->threads);
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&p->threads[i], NULL, worker_main, p) != 0) {
            fputs("copilot: cannot start a work pool thread\n", stderr);
            abort();
        }
    }
    return p;
}

int workpool_submit(struct workpool *p, int kind, workpool_fn fn, void *arg, int64_t wait_ms)
{
    assert(kind >= 0 && kind < p->kinds && fn != NULL);
    pthread_mutex_lock(&p->lock);
    if (p->stopping || p->load >= p->queue_max) {
        pthread_mutex_unlock(&p->lock);
        return -1;
    }
    struct job *j = xcalloc(1, sizeof *j);
    *j = (struct job){fn, arg, kind, wait_ms > 0 ? time_monotonic_us() + wait_ms * 1000 : 0, NULL};
    if (p->tail)
        p->tail->next = j;
    else
        p->head = j;
    p->tail = j;
    p->queued++;
    p->load++;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

int workpool_load(struct workpool *p)
{
    pthread_mutex_lock(&p->lock);
    int load = p->load;
    pthread_mutex_unlock(&p->lock);
    return load;
}

void workpool_stop(struct workpool *p)
{
    if (p == NULL)
        return;
    pthread_mutex_lock(&p->lock);
    p->stopping = true;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->threads[i], NULL);
    assert(p->head == NULL && p->load == 0);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p->threads);
    free(p);
}
