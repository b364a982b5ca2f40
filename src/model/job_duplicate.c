/*
 * This file implements the jobs model's duplicate rules: a job's keys (fingerprint, URL keys:
 * src/core/fingerprint.c), the exact duplicate of one job, the keys of a whole batch looked up
 * at once (the import), and the near duplicates (src/core/similarity.c scores them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/fingerprint.h"
#include "../core/similarity.h"
#include "../core/utf8.h"
#include "../lib/json.h"
#include "job.h"
#include "job_internal.h"

/* ================================================================ keys */

/* Text of name: the new value when v has it, else the stored one in existing (may be NULL). */
static const char *merged(struct values *v, json_t *existing, const char *name)
{
    struct field_value *fv = values_get(v, name);
    if (fv)
        return fv->value.type == STORE_TEXT ? fv->value.s : NULL;
    return existing ? json_string_value(json_object_get(existing, name)) : NULL;
}

static void set_url_key(struct values *v, const char *url_field, const char *key_field,
                        struct arena *a)
{
    if (values_get(v, url_field) == NULL)
        return; /* unchanged */
    char *key = fingerprint_normalize_url(values_text(v, url_field));
    values_set(v, &job_table, key_field, key ? SV_TEXT(arena_strdup(a, key)) : SV_NULL);
    free(key);
}

/* Sets job_fingerprint and the URL keys in v from the merged fields. */
void job_compute_keys(struct values *v, json_t *existing, struct arena *a)
{
    char *fingerprint = arena_alloc(a, FINGERPRINT_LEN);
    fingerprint_job(merged(v, existing, "company"), merged(v, existing, "title"),
                    merged(v, existing, "location"), fingerprint);
    values_set(v, &job_table, "job_fingerprint", SV_TEXT(fingerprint));
    set_url_key(v, "application_url", "application_url_key", a);
    set_url_key(v, "source_url", "source_url_key", a);
}

/* Finds another own job (not exclude_id) with the same fingerprint or URL key. */
int job_find_duplicate(struct store_conn *c, int64_t user_id, struct values *v, int64_t exclude_id,
                       struct err *e)
{
    const char *app_key = values_text(v, "application_url_key");
    const char *src_key = values_text(v, "source_url_key");
    const char *fingerprint = values_text(v, "job_fingerprint");
    /* each branch carries user_id so SQLite can use one index per branch (a multi-index OR)
     * instead of scanning all of the user's jobs */
    struct store_value p[] = {SV_TEXT(fingerprint),     SV_INT(exclude_id),
                              SV_INT(user_id),          SV_TEXT(fingerprint),
                              SV_INT(user_id),          SV_TEXT_OR_NULL(app_key),
                              SV_TEXT_OR_NULL(src_key), SV_INT(user_id),
                              SV_TEXT_OR_NULL(app_key), SV_TEXT_OR_NULL(src_key)};
    struct store_result *r;
    /* planned for its keys (NULL URL keys drop their branch) and the table as it is now: an
     * import runs it once per row while the table grows */
    int rc =
        store_exec_custom(c,
                          "SELECT id, (job_fingerprint = ?) AS same FROM jobs WHERE id <> ? AND ("
                          "(user_id = ? AND job_fingerprint = ?) "
                          "OR (user_id = ? AND application_url_key IN (?, ?)) "
                          "OR (user_id = ? AND source_url_key IN (?, ?))) "
                          "ORDER BY id LIMIT 1",
                          p, 10, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        rc = err_set(e, ERR_CONFLICT, NULL, "this job is already tracked (id %lld)",
                     (long long)store_int(r, 0, 0));
        if (e) {
            e->existing_id = store_int(r, 0, 0);
            snprintf(e->reason, sizeof e->reason, "%s",
                     store_bool(r, 0, 1) ? "fingerprint" : "url");
        }
    }
    store_result_free(r);
    return rc;
}

/* ================================================================ many new jobs at once */

void job_new_keys(struct values *v, struct arena *a)
{
    job_compute_keys(v, NULL, a);
}

/* The URL keys of v that are set (0, 1 or 2 of them) into keys; their number. */
static int url_keys(struct values *v, const char *keys[2])
{
    int n = 0;
    const char *app = values_text(v, "application_url_key"),
               *src = values_text(v, "source_url_key");
    if (app)
        keys[n++] = app;
    if (src)
        keys[n++] = src;
    return n;
}

static void add_key(json_t *set, const char *key)
{
    if (key)
        json_object_set_new_nocheck(set, key, json_true());
}

int job_keys_load(struct store_conn *c, int64_t user_id, struct values *const *vs, size_t n,
                  struct job_keys *keys, struct err *e)
{
    keys->fingerprints = json_object();
    keys->urls = json_object();
    if (n == 0)
        return 0;
    /* two JSON arrays: the fingerprints, and every URL key (one matches either column, as in
     * job_find_duplicate) */
    struct buf fps, urls;
    buf_init(&fps);
    buf_init(&urls);
    buf_putc(&fps, '[');
    buf_putc(&urls, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_putc(&fps, ',');
        json_buf_string(&fps, values_text(vs[i], "job_fingerprint"));
        const char *u[2];
        for (int k = 0, nk = url_keys(vs[i], u); k < nk; k++) {
            if (urls.len > 1)
                buf_putc(&urls, ',');
            json_buf_string(&urls, u[k]);
        }
    }
    buf_putc(&fps, ']');
    buf_putc(&urls, ']');
    /* one branch per key column, each a lookup of its keys in its (user_id, key) index that
     * reads nothing but that index: a branch returns the keys it found (the first column says
     * which set they go to). A stored job's other keys are not needed: a key of the batch that
     * equals one of them is a key of another branch's, which finds it there. */
    static const char *const columns[] = {"job_fingerprint", "application_url_key",
                                          "source_url_key"};
    struct buf q;
    buf_init(&q);
    struct store_value p[6];
    for (int k = 0; k < 3; k++) {
        char in[160];
        buf_printf(&q, "%sSELECT %d, %s FROM jobs WHERE user_id = ? AND %s", k ? " UNION ALL " : "",
                   k ? 1 : 0, columns[k], store_sql_in_texts(c, columns[k], in, sizeof in));
        p[2 * k] = SV_INT(user_id);
        p[2 * k + 1] = SV_TEXT(k ? urls.data : fps.data);
    }
    struct store_result *r = NULL;
    /* planned for the keys and the table as they are: the import runs it once per batch while
     * the table grows */
    int rc = store_exec_custom(c, q.data, p, 6, &r, e);
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++)
        add_key(store_int(r, i, 0) ? keys->urls : keys->fingerprints, store_text(r, i, 1));
    store_result_free(r);
    buf_free(&q);
    buf_free(&fps);
    buf_free(&urls);
    return rc;
}

bool job_keys_duplicate(const struct job_keys *keys, struct values *v)
{
    if (json_object_get(keys->fingerprints, values_text(v, "job_fingerprint")))
        return true;
    const char *u[2];
    for (int k = 0, nk = url_keys(v, u); k < nk; k++)
        if (json_object_get(keys->urls, u[k]))
            return true;
    return false;
}

void job_keys_add(struct job_keys *keys, struct values *v)
{
    add_key(keys->fingerprints, values_text(v, "job_fingerprint"));
    const char *u[2];
    for (int k = 0, nk = url_keys(v, u); k < nk; k++)
        add_key(keys->urls, u[k]);
}

void job_keys_free(struct job_keys *keys)
{
    json_decref(keys->fingerprints);
    json_decref(keys->urls);
    keys->fingerprints = keys->urls = NULL;
}

/* ================================================================ near duplicates */

/* What job_near_duplicates' scan carries from one candidate to the next. */
struct near_scan {
    struct similarity_matcher matcher;
    json_t *found;
};

/* One candidate (id, company, title, location): kept in found when it looks like the new job.
 * Its fields are normalised only as far as the rule needs them (similarity_matcher_test). */
static void near_candidate(void *arg, const struct store_result *r, size_t i)
{
    struct near_scan *scan = arg;
    double similarity;
    if (similarity_matcher_test(&scan->matcher, store_text(r, i, 1), store_text(r, i, 2),
                                store_text(r, i, 3), &similarity))
        json_array_append_new(
            scan->found,
            json_pack("{s:I, s:s, s:s, s:f}", "id", (json_int_t)store_int(r, i, 0), "company",
                      store_text(r, i, 1), "title", store_text(r, i, 2), "similarity", similarity));
}

/* The user's jobs that look like the one about to be stored from v (run before the insert, so a
 * failure here stores nothing). */
int job_near_duplicates(struct store_conn *c, int64_t user_id, struct values *v, json_t **out,
                        struct err *e)
{
    const char *company = values_text(v, "company");
    const char *title = values_text(v, "title");
    const char *location = values_text(v, "location");
    char *nc = fingerprint_normalize_company(company), *nt = fingerprint_normalize_title(title),
         *nl = fingerprint_normalize_location(location);
    /* candidates share the first three characters of the company (as substr counts them: a
     * prefix of three bytes could end inside a character, which PostgreSQL refuses as invalid
     * UTF-8 and SQLite never matches); the ratio decides */
    const char *name = company ? company : "";
    size_t name_len = strlen(name), cut = 0;
    for (int k = 0; k < 3 && cut < name_len; k++)
        utf8_next(name, name_len, &cut);
    char prefix[3 * UTF8_MAX_BYTES + 1];
    memcpy(prefix, name, cut);
    prefix[cut] = '\0';
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(prefix)};
    struct near_scan scan = {.found = json_array()};
    struct similarity_keys mine = {nc, nt, nl};
    similarity_matcher_init(&scan.matcher, &mine);
    /* the 500 candidates are handed one at a time, not kept (store_exec_each) */
    int rc = store_exec_each(c,
                             "SELECT id, company, title, location FROM jobs WHERE user_id = ? "
                             "AND lower(substr(company, 1, 3)) = lower(?) "
                             "ORDER BY id DESC LIMIT 500",
                             p, 2, near_candidate, &scan, e);
    similarity_matcher_free(&scan.matcher);
    if (rc == 0)
        *out = scan.found;
    else
        json_decref(scan.found);
    free(nc), free(nt), free(nl);
    return rc;
}
