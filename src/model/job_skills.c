/* This file implements the skills kept per job of job_skills.h. */
#include "job_skills.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../core/scoring.h"
#include "../core/skills.h"
#include "../lib/buf.h"
#include "../lib/json.h"

int64_t job_skills_version(void)
{
    return (int64_t)skills_version(skills_default());
}

/* The keys out[0..n) as a JSON array (in a). */
static const char *keys_json(const char *const *keys, size_t n, struct arena *a)
{
    struct buf b;
    buf_init(&b);
    buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&b, ',');
        json_buf_string(&b, keys[i]);
    }
    buf_putc(&b, ']');
    const char *text = arena_strdup(a, b.data);
    buf_free(&b);
    return text;
}

void job_skills_find(const char *title, const char *requirements, struct arena *a,
                     const char **asked, const char **in_title)
{
    const struct skills_dict *d = skills_default();
    const char *found[SCORING_MAX_SKILLS]; /* as many as the ranking asks for (job_skills) */
    size_t n = skills_find_asked(d, requirements, found, SCORING_MAX_SKILLS);
    *asked = keys_json(found, n, a);
    n = skills_find_in_text(d, title, found, SCORING_MAX_SKILLS);
    *in_title = keys_json(found, n, a);
}

#define UPSERT                                                                                     \
    " ON CONFLICT (job_id) DO UPDATE SET version = excluded.version, asked = excluded.asked, "     \
    "in_title = excluded.in_title"

int job_skills_write(struct store_conn *c, const struct job_text *t, struct arena *a, struct err *e)
{
    const char *asked, *in_title;
    job_skills_find(t->title, t->requirements, a, &asked, &in_title);
    /* NULL requirements find what "" finds: one comparison for both */
    struct store_value p[] = {SV_INT(job_skills_version()),
                              SV_TEXT(asked),
                              SV_TEXT(in_title),
                              SV_INT(t->id),
                              SV_TEXT(t->title ? t->title : ""),
                              SV_TEXT(t->requirements ? t->requirements : "")};
    return store_exec(c,
                      "INSERT INTO job_skills (job_id, version, asked, in_title) "
                      "SELECT id, CAST(? AS bigint), CAST(? AS text), CAST(? AS text) FROM jobs "
                      "WHERE id = ? AND title = ? AND COALESCE(requirements, '') = ?" UPSERT,
                      p, 6, NULL, e);
}

/* Rows a statement at most; fewer in powers of two (few statement texts). */
#define WRITE_ROWS 128

int job_skills_write_many(struct store_conn *c, const struct job_text *jobs, size_t n,
                          struct arena *a, struct err *e)
{
    int64_t version = job_skills_version();
    struct store_value p[4 * WRITE_ROWS];
    struct buf sql;
    buf_init(&sql);
    int rc = 0;
    for (size_t done = 0; rc == 0 && done < n;) {
        size_t k = WRITE_ROWS;
        while (k > n - done)
            k /= 2;
        buf_reset(&sql);
        buf_puts(&sql, "INSERT INTO job_skills (job_id, version, asked, in_title) VALUES ");
        for (size_t i = 0; i < k; i++) {
            const struct job_text *t = &jobs[done + i];
            const char *asked, *in_title;
            job_skills_find(t->title, t->requirements, a, &asked, &in_title);
            buf_puts(&sql, i ? ", (?, ?, ?, ?)" : "(?, ?, ?, ?)");
            p[4 * i] = SV_INT(t->id);
            p[4 * i + 1] = SV_INT(version);
            p[4 * i + 2] = SV_TEXT(asked);
            p[4 * i + 3] = SV_TEXT(in_title);
        }
        buf_puts(&sql, UPSERT);
        rc = store_exec(c, sql.data, p, (int)(4 * k), NULL, e);
        done += k;
    }
    buf_free(&sql);
    return rc;
}

#define REFRESH_ROWS 512 /* jobs found again per transaction */

/* Finds the skills of the next REFRESH_ROWS jobs after *after that lack a row of version (in
 * one transaction, the jobs locked); *more is false when there were none. */
static int refresh_batch(struct store_conn *c, int64_t version, int64_t *after, bool *more,
                         int64_t *found, struct err *e)
{
    *more = false;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT j.id, j.title, j.requirements FROM jobs j WHERE j.id > ? AND NOT EXISTS "
             "(SELECT 1 FROM job_skills s WHERE s.job_id = j.id AND s.version = ?) "
             "ORDER BY j.id LIMIT %d%s",
             REFRESH_ROWS, store_sql_for_update(c));
    struct store_value p[] = {SV_INT(*after), SV_INT(version)};
    struct store_result *r;
    rc = store_exec(c, sql, p, 2, &r, e);
    if (rc == 0) {
        struct arena a;
        arena_init(&a);
        size_t n = store_rows(r);
        struct job_text *jobs = arena_alloc(&a, (n ? n : 1) * sizeof *jobs);
        for (size_t i = 0; i < n; i++)
            jobs[i] =
                (struct job_text){store_int(r, i, 0), store_text(r, i, 1), store_text(r, i, 2)};
        rc = job_skills_write_many(c, jobs, n, &a, e);
        if (n) {
            *after = jobs[n - 1].id;
            *more = true;
            *found += (int64_t)n;
        }
        arena_free(&a);
        store_result_free(r);
    }
    if (rc == 0)
        return store_commit(c, e);
    store_rollback(c);
    return rc;
}

int job_skills_refresh(struct store_conn *c, int64_t *found, struct err *e)
{
    *found = 0;
    int64_t version = job_skills_version();
    struct store_result *r;
    int rc = store_exec(c, "SELECT version FROM job_skills_state WHERE id = 1", NULL, 0, &r, e);
    if (rc)
        return rc;
    bool current = store_rows(r) && store_int(r, 0, 0) == version;
    store_result_free(r);
    if (current)
        return 0;
    int64_t after = 0;
    bool more = true;
    while (rc == 0 && more)
        rc = refresh_batch(c, version, &after, &more, found, e);
    if (rc)
        return rc;
    struct store_value p[] = {SV_INT(version)};
    return store_exec(c,
                      "INSERT INTO job_skills_state (id, version) VALUES (1, ?) "
                      "ON CONFLICT (id) DO UPDATE SET version = excluded.version",
                      p, 1, NULL, e);
}
