/*
 * This file declares the progress rules of the learning group (no I/O, no JSON): progress
 * through a learning path and the enrollment status that follows it, the bookmark
 * status/progress rule, and when a feedback item's resolved_at is set or cleared. The model
 * files load and store; these functions decide.
 */
#ifndef COPILOT_CORE_PROGRESS_H
#define COPILOT_CORE_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ================================================================ learning-path progress */

struct progress {
    size_t ncompleted; /* distinct path resources completed (entries written to completed) */
    int percentage;    /* floor(100 * ncompleted / path length); 0 for an empty path */
    size_t current;    /* index of the first path resource not completed; the path length
                          when all are */
    bool complete;     /* every resource of a non-empty path is completed */
};

/* Computes progress through a path of npath resource ids (in order) given the ids marked
 * completed (any order, duplicates allowed). completed (room for npath ids) receives the
 * completed ids in path order, each once. With strict, an id that is not on the path is an
 * error: the function returns its index in done (>= 0) and fills nothing else; without strict
 * such ids are dropped (a path edited after the marks). Returns -1 when all is well. */
long progress_compute(const int64_t *path, size_t npath, const int64_t *done, size_t ndone,
                      bool strict, int64_t *completed, struct progress *out);

/* The enrollment status after a progress change: "completed" when complete; otherwise the
 * requested status when given (NULL = none); otherwise "active" when it was "completed" (marks
 * were taken back), else the old status. Returns a static string. */
const char *progress_enrollment_status(const char *old, const char *requested, bool complete);

/* ================================================================ bookmarks */

/* Bookmark statuses, in the order of the schema's CHECK (NULL-terminated). */
extern const char *const progress_bookmark_statuses[];

struct progress_bookmark {
    const char *status; /* one of progress_bookmark_statuses */
    int progress;       /* 0-100 */
};

/* What happens to a timestamp column (completed_at, resolved_at) after a change. */
enum progress_stamp { PROGRESS_STAMP_KEEP, PROGRESS_STAMP_SET, PROGRESS_STAMP_CLEAR };

/* Applies a bookmark change. old is the stored bookmark (NULL for a new one: to_learn, 0);
 * status and progress are what the client sent (NULL / -1 when absent). Rules: a given status
 * wins; without one, progress 100 means completed, progress above 0 moves to_learn to
 * in_progress, and a progress below 100 takes a completed bookmark back (in_progress, or
 * to_learn at 0). Status completed without a progress means 100. completed sets completed_at
 * when it was not completed before; to_learn and in_progress clear it; archived keeps it.
 * Fills *out and *when. Returns 0, or -1 when completed comes with a progress below 100. */
int progress_bookmark_apply(const struct progress_bookmark *old, const char *status, int progress,
                            struct progress_bookmark *out, enum progress_stamp *when);

/* ================================================================ feedback */

/* What happens to a feedback item's resolved_at when its status moves from old to new (old is
 * NULL on creation): set when it becomes resolved or closed from another state, cleared when
 * it leaves them, kept otherwise (resolved -> closed keeps the first resolution time). */
enum progress_stamp progress_feedback_resolution(const char *old, const char *new_status);

#endif
