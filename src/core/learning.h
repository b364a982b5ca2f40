/*
 * This file declares the pure rules of the feedback, career-resource and learning-path group
 * (no I/O, no JSON): skill keys (case-folded names), the skill gap behind recommended resources
 * (skills demanded by the user's jobs minus the user's skills, ranked by how many jobs ask for
 * them) and the score of a resource against it, learning-path progress, the enrollment status
 * that follows it, the bookmark status/progress rule, and when a feedback item's resolved_at
 * is set or cleared. The model files load and store; these functions decide.
 */
#ifndef COPILOT_CORE_LEARNING_H
#define COPILOT_CORE_LEARNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ================================================================ skill keys and the gap */

#define LEARNING_KEY_MAX 64  /* bytes of a skill key, NUL included */
#define LEARNING_GAP_MAX 256 /* distinct demanded skills kept */

/* Writes into out (size n >= 1) the key of skill name: ASCII letters lower-cased, surrounding
 * whitespace dropped, inner runs of whitespace collapsed to one space (other bytes, UTF-8
 * included, are kept as they are; the key is cut at n - 1 bytes on a character boundary).
 * Returns out; an all-blank name gives "". */
char *learning_skill_key(const char *name, char *out, size_t n);

struct learning_skill_count {
    char key[LEARNING_KEY_MAX];
    int jobs; /* how many jobs ask for it */
};

/* The skill gap, built job by job. Zero-initialise, then learning_gap_add_job for each job,
 * then learning_gap_finish once. */
struct learning_gap {
    struct learning_skill_count items[LEARNING_GAP_MAX];
    size_t n;
};

/* Counts the n skills of one job (each distinct key once per job; blank names ignored). Keys
 * beyond LEARNING_GAP_MAX distinct ones are dropped. */
void learning_gap_add_job(struct learning_gap *g, const char *const *skills, size_t n);
/* Removes the skills the user has (nhave names, compared by key) and sorts what is left: most
 * demanded first, then by key. */
void learning_gap_finish(struct learning_gap *g, const char *const *have, size_t nhave);
/* How well a resource with the n skills covers the first `top` entries of a finished gap: the
 * sum of their job counts (0 = no match). The matched gap entries' indexes go to matched (up to
 * max, in gap order) and their number to *nmatched (may be NULL). */
int learning_gap_score(const struct learning_gap *g, size_t top, const char *const *skills,
                       size_t n, size_t *matched, size_t max, size_t *nmatched);

/* ================================================================ learning-path progress */

struct learning_progress {
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
long learning_progress(const int64_t *path, size_t npath, const int64_t *done, size_t ndone,
                       bool strict, int64_t *completed, struct learning_progress *out);

/* The enrollment status after a progress change: "completed" when complete; otherwise the
 * requested status when given (NULL = none); otherwise "active" when it was "completed" (marks
 * were taken back), else the old status. Returns a static string. */
const char *learning_enrollment_status(const char *old, const char *requested, bool complete);

/* ================================================================ bookmarks */

/* Bookmark statuses, in the order of the schema's CHECK (NULL-terminated). */
extern const char *const learning_bookmark_statuses[];

struct learning_bookmark {
    const char *status; /* one of learning_bookmark_statuses */
    int progress;       /* 0-100 */
};

/* What happens to a timestamp column (completed_at, resolved_at) after a change. */
enum learning_stamp { LEARNING_STAMP_KEEP, LEARNING_STAMP_SET, LEARNING_STAMP_CLEAR };

/* Applies a bookmark change. old is the stored bookmark (NULL for a new one: to_learn, 0);
 * status and progress are what the client sent (NULL / -1 when absent). Rules: a given status
 * wins; without one, progress 100 means completed, progress above 0 moves to_learn to
 * in_progress, and a progress below 100 takes a completed bookmark back (in_progress, or
 * to_learn at 0). Status completed without a progress means 100. completed sets completed_at
 * when it was not completed before; to_learn and in_progress clear it; archived keeps it.
 * Fills *out and *when. Returns 0, or -1 when completed comes with a progress below 100. */
int learning_bookmark_apply(const struct learning_bookmark *old, const char *status, int progress,
                            struct learning_bookmark *out, enum learning_stamp *when);

/* ================================================================ feedback */

/* What happens to a feedback item's resolved_at when its status moves from old to new (old is
 * NULL on creation): set when it becomes resolved or closed from another state, cleared when
 * it leaves them, kept otherwise (resolved -> closed keeps the first resolution time). */
enum learning_stamp learning_feedback_resolution(const char *old, const char *new_status);

#endif
