/*
 * This file implements the progress rules of progress.h: path progress and the enrollment
 * status, the bookmark rule and feedback resolution.
 */
#include "progress.h"

#include <string.h>

/* ================================================================ learning-path progress */

long progress_compute(const int64_t *path, size_t npath, const int64_t *done, size_t ndone,
                      bool strict, int64_t *completed, struct progress *out)
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

const char *progress_enrollment_status(const char *old, const char *requested, bool complete)
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

const char *const progress_bookmark_statuses[] = {"to_learn", "in_progress", "completed",
                                                  "archived", NULL};

/* The static name equal to status (so results never point into caller memory), or NULL. */
static const char *bookmark_status(const char *status)
{
    for (const char *const *s = progress_bookmark_statuses; status && *s; s++)
        if (strcmp(*s, status) == 0)
            return *s;
    return NULL;
}

int progress_bookmark_apply(const struct progress_bookmark *old, const char *status, int progress,
                            struct progress_bookmark *out, enum progress_stamp *when)
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
        *when = was_completed ? PROGRESS_STAMP_KEEP : PROGRESS_STAMP_SET;
    else if (strcmp(now, "archived") == 0)
        *when = PROGRESS_STAMP_KEEP;
    else
        *when = PROGRESS_STAMP_CLEAR;
    return 0;
}

/* ================================================================ feedback */

static bool settled(const char *status)
{
    return status && (strcmp(status, "resolved") == 0 || strcmp(status, "closed") == 0);
}

enum progress_stamp progress_feedback_resolution(const char *old, const char *new_status)
{
    if (new_status == NULL)
        return PROGRESS_STAMP_KEEP;
    if (settled(new_status))
        return settled(old) ? PROGRESS_STAMP_KEEP : PROGRESS_STAMP_SET;
    return settled(old) ? PROGRESS_STAMP_CLEAR : PROGRESS_STAMP_KEEP;
}
