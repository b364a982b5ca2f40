/*
 * This file implements the fixed-window rate limiter of ratelimit.h as an open-addressing hash
 * table of fixed size; when it is full, the stalest entry is reused (an attacker spraying keys
 * can only make the limiter forget, never grow memory).
 */
#include "ratelimit.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define SLOTS 4096
#define PROBES 16

struct slot {
    char key[96];
    time_t window_start;
    int failures;
};

struct ratelimit {
    pthread_mutex_t lock;
    int limit, window;
    struct slot slots[SLOTS];
};

struct ratelimit *ratelimit_new(int limit, int window)
{
    struct ratelimit *rl = xcalloc(1, sizeof *rl);
    pthread_mutex_init(&rl->lock, NULL);
    rl->limit = limit;
    rl->window = window;
    return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
    if (rl == NULL)
        return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot for key (existing, or the best one to take over when create). Lock held. */
static struct slot *find(struct ratelimit *rl, const char *key, bool create)
{
    unsigned h = hash(key);
    struct slot *victim = NULL;
    for (int i = 0; i < PROBES; i++) {
        struct slot *s = &rl->slots[(h + (unsigned)i) % SLOTS];
        if (strcmp(s->key, key) == 0)
            return s;
        if (victim == NULL || s->window_start < victim->window_start)
            victim = s;
    }
    if (!create)
        return NULL;
    snprintf(victim->key, sizeof victim->key, "%s", key);
    victim->failures = 0;
    victim->window_start = 0;
    return victim;
}

int ratelimit_blocked(struct ratelimit *rl, const char *key, time_t now)
{
    pthread_mutex_lock(&rl->lock);
    struct slot *s = find(rl, key, false);
    int wait = 0;
    if (s && s->failures >= rl->limit && now - s->window_start < rl->window)
        wait = (int)(rl->window - (now - s->window_start));
    pthread_mutex_unlock(&rl->lock);
    return wait;
}

void ratelimit_fail(struct ratelimit *rl, const char *key, time_t now)
{
    pthread_mutex_lock(&rl->lock);
    struct slot *s = find(rl, key, true);
    if (now - s->window_start >= rl->window) {
        s->window_start = now;
        s->failures = 0;
    }
    s->failures++;
    pthread_mutex_unlock(&rl->lock);
}

void ratelimit_reset(struct ratelimit *rl, const char *key)
{
    pthread_mutex_lock(&rl->lock);
    struct slot *s = find(rl, key, false);
    if (s)
        memset(s, 0, sizeof *s);
    pthread_mutex_unlock(&rl->lock);
}
