/*
 * This file implements the pure rules of learning.h: skill keys and the skill gap, path
 * progress and the enrollment status, the bookmark rule and feedback resolution.
 */
#include "learning.h"

#include <stdlib.h>
#include <string.h>

/* ================================================================ skill keys and the gap */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *learning_skill_key(const char *name, char *out, size_t n)
{
    size_t len = 0;
    bool pending_space = false;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (is_space(*p)) {
            pending_space = len > 0;
            continue;
        }
        size_t need = pending_space ? 2 : 1;
        if (len + need > n - 1)
            break;
        if (pending_space)
            out[len++] = ' ';
        pending_space = false;
        out[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p);
    }
    /* never end inside a UTF-8 sequence: drop a trailing partial character */
    size_t end = len;
    while (end > 0 && ((unsigned char)out[end - 1] & 0xC0) == 0x80)
        end--;
    if (end > 0 && ((unsigned char)out[end - 1] & 0x80)) {
        unsigned char lead = (unsigned char)out[end - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (len - (end - 1) < want)
            len = end - 1;
    }
    while (len > 0 && out[len - 1] == ' ') /* a cut may leave the collapsed space last */
        len--;
    out[len] = '\0';
    return out;
}

static struct learning_skill_count *gap_find(struct learning_gap *g, const char *key)
{
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(g->items[i].key, key) == 0)
            return &g->items[i];
    return NULL;
}

void learning_gap_add_job(struct learning_gap *g, const char *const *skills, size_t n)
{
    /* a job's own duplicates count once: remember which entries this job already bumped */
    bool bumped[LEARNING_GAP_MAX] = {false};
    for (size_t i = 0; i < n; i++) {
        char key[LEARNING_KEY_MAX];
        if (skills[i] == NULL || *learning_skill_key(skills[i], key, sizeof key) == '\0')
            continue;
        struct learning_skill_count *item = gap_find(g, key);
        if (item == NULL) {
            if (g->n == LEARNING_GAP_MAX)
                continue;
            item = &g->items[g->n++];
            memcpy(item->key, key, sizeof key);
            item->jobs = 0;
        }
        size_t index = (size_t)(item - g->items);
        if (!bumped[index]) {
            bumped[index] = true;
            item->jobs++;
        }
    }
}

static int by_demand(const void *a, const void *b)
{
    const struct learning_skill_count *x = a, *y = b;
    if (x->jobs != y->jobs)
        return x->jobs > y->jobs ? -1 : 1;
    return strcmp(x->key, y->key);
}

void learning_gap_finish(struct learning_gap *g, const char *const *have, size_t nhave)
{
    for (size_t i = 0; i < nhave; i++) {
        char key[LEARNING_KEY_MAX];
        if (have[i] == NULL)
            continue;
        struct learning_skill_count *item =
            gap_find(g, learning_skill_key(have[i], key, sizeof key));
        if (item) {
            *item = g->items[--g->n];
        }
    }
    qsort(g->items, g->n, sizeof g->items[0], by_demand);
}

int learning_gap_score(const struct learning_gap *g, size_t top, const char *const *skills,
                       size_t n, size_t *matched, size_t max, size_t *nmatched)
{
    int score = 0;
    size_t count = 0;
    if (top > g->n)
        top = g->n;
    for (size_t i = 0; i < top; i++) {
        bool hit = false;
        for (size_t j = 0; j < n && !hit; j++) {
            char key[LEARNING_KEY_MAX];
            hit = skills[j] &&
                  strcmp(learning_skill_key(skills[j], key, sizeof key), g->items[i].key) == 0;
        }
        if (!hit)
            continue;
        score += g->items[i].jobs;
        if (matched && count < max)
            matched[count++] = i;
    }
    if (nmatched)
        *nmatched = count;
    return score;
}

/* ================================================================ learning-path progress */

long learning_progress(const int64_t *path, size_t npath, const int64_t *done, size_t ndone,
                       bool strict, int64_t *completed, struct learning_progress *out)
{
    if (strict) {
        for (size_t i = 0; i < ndone; i++) {
            bool on_path = false;
            for (size_t j = 0; j < npath && !on_path; j++)
                on_path = path[j] == done[i];
            if (!on_path)
                return (long)i;
        }
    }
    memset(out, 0, sizeof *out);
    out->current = npath;
    for (size_t j = 0; j < npath; j++) {
        bool is_done = false;
        for (size_t i = 0; i < ndone && !is_done; i++)
            is_done = done[i] == path[j];
        /* a path lists each resource once, but be safe: count an id once */
        for (size_t k = 0; k < out->ncompleted && is_done; k++)
            is_done = completed[k] != path[j];
        if (is_done)
            completed[out->ncompleted++] = path[j];
        else if (out->current == npath)
            out->current = j;
    }
    out->percentage = npath ? (int)(out->ncompleted * 100 / npath) : 0;
    out->complete = npath > 0 && out->ncompleted == npath;
    if (out->complete)
        out->current = npath;
    return -1;
}

const char *learning_enrollment_status(const char *old, const char *requested, bool complete)
{
    static const char *const names[] = {"active", "paused", "completed", "abandoned"};
    if (complete)
        return names[2];
    const char *want = requested;
    if (want == NULL)
        want = old && strcmp(old, "completed") != 0 ? old : "active";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i], want) == 0 && i != 2)
            return names[i];
    return names[0]; /* unknown or "completed" without completion: back to active */
}

/* ================================================================ bookmarks */

const char *const learning_bookmark_statuses[] = {"to_learn", "in_progress", "completed",
                                                  "archived", NULL};

/* The static name equal to status (so results never point into caller memory), or NULL. */
static const char *bookmark_status(const char *status)
{
    for (const char *const *s = learning_bookmark_statuses; status && *s; s++)
        if (strcmp(*s, status) == 0)
            return *s;
    return NULL;
}

int learning_bookmark_apply(const struct learning_bookmark *old, const char *status, int progress,
                            struct learning_bookmark *out, enum learning_stamp *when)
{
    const char *was = old ? bookmark_status(old->status) : NULL;
    if (was == NULL)
        was = "to_learn";
    int had = old ? old->progress : 0;
    const char *now = bookmark_status(status);
    if (now == NULL) {
        if (progress == 100)
            now = "completed";
        else if (progress >= 0 && strcmp(was, "completed") == 0)
            now = progress > 0 ? "in_progress" : "to_learn"; /* taken back */
        else if (progress > 0 && strcmp(was, "to_learn") == 0)
            now = "in_progress";
        else
            now = was;
    }
    bool completed = strcmp(now, "completed") == 0;
    if (completed && progress >= 0 && progress < 100)
        return -1;
    out->status = now;
    out->progress = progress >= 0 ? progress : completed ? 100 : had;
    bool was_completed = old && strcmp(was, "completed") == 0;
    if (completed)
        *when = was_completed ? LEARNING_STAMP_KEEP : LEARNING_STAMP_SET;
    else if (strcmp(now, "archived") == 0)
        *when = LEARNING_STAMP_KEEP;
    else
        *when = LEARNING_STAMP_CLEAR;
    return 0;
}

/* ================================================================ feedback */

static bool settled(const char *status)
{
    return status && (strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0);
}

enum learning_stamp learning_feedback_resolution(const char *old, const char *new_status)
{
    if (new_status == NULL)
        return LEARNING_STAMP_KEEP;
    if (settled(new_status))
        return settled(old) ? LEARNING_STAMP_KEEP : LEARNING_STAMP_SET;
    return settled(old) ? LEARNING_STAMP_CLEAR : LEARNING_STAMP_KEEP;
}
