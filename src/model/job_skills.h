/*
 * This file declares the skills kept per job (migration 0091, the table job_skills): the keys
 * the core finds in a job's requirements (skills_find_asked) and in its title
 * (skills_find_in_text), written with every write of either so that a ranking reads them instead
 * of matching the text again (recommendation_job.c). A row counts only at the server's skills
 * version (job_skills_version); a reader finds the skills in the text of a job without one.
 */
#ifndef COPILOT_MODEL_JOB_SKILLS_H
#define COPILOT_MODEL_JOB_SKILLS_H

#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/err.h"
#include "../store/store.h"

/* The skills version rows are written with and read at (skills_version of the default
 * dictionary). */
int64_t job_skills_version(void);

/* A job's text as written: its id, title and requirements (may be NULL). */
struct job_text {
    int64_t id;
    const char *title, *requirements;
};

/* The keys found in title and requirements as the table keeps them: *asked and *in_title, JSON
 * arrays of keys in the finder's order (in a). */
void job_skills_find(const char *title, const char *requirements, struct arena *a,
                     const char **asked, const char **in_title);

/* Writes the row of job t->id, found in t's text, only while the job's stored title and
 * requirements are still t's (a concurrent write of other text leaves it to that write). For a
 * write outside a transaction that also locks the job (POST /jobs). */
int job_skills_write(struct store_conn *c, const struct job_text *t, struct arena *a,
                     struct err *e);

/* Writes the rows of jobs[0..n) in multi-row statements, for jobs written in the caller's open
 * transaction (the import, seed, a locked update): no other write can change their text first. */
int job_skills_write_many(struct store_conn *c, const struct job_text *jobs, size_t n,
                          struct arena *a, struct err *e);

/* At a start: when job_skills_state holds another version than job_skills_version (a new
 * dictionary or finder, or a database that never had rows), finds the skills of every job whose
 * row is missing or of another version again, in batches of a few hundred jobs (each its own
 * transaction, the jobs locked), then records the version; *found counts the jobs read again.
 * Returns 0 or an error. */
int job_skills_refresh(struct store_conn *c, int64_t *found, struct err *e);

#endif
