/*
 * This file implements the job sources model of job_source.h: the descriptors of job_sources and
 * job_source_runs, creation with the board address recognised (src/core/job_board.c), the state
 * a fetch leaves, the lease, and the runs kept per source.
 */
#include "job_source.h"

#include <stdlib.h>
#include <string.h>

#include "../core/job_board.h"
#include "../core/utf8.h"
#include "../lib/fetch.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"

static const struct field source_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"kind", FT_TEXT, F_WRITE | F_REQUIRED, job_board_kinds},
    {"identifier", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = JOB_BOARD_URL_MAX},
    {"name", FT_TEXT, F_WRITE, .min = 1, .max = 200},
    {"enabled", FT_BOOL, F_WRITE | F_NOTNULL},
    {"last_fetched_at", FT_TIMESTAMP, 0},
    {"last_error", FT_TEXT, 0},
    {"consecutive_failures", FT_INT, F_NOTNULL},
    {"lease_until", FT_TIMESTAMP, F_HIDDEN},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table job_source_table = {"job_sources", source_fields, true, "JobSource"};

static const struct field create_fields[] = {
    {"url", FT_TEXT, F_WRITE, .min = 1, .max = JOB_BOARD_URL_MAX},
    {"kind", FT_TEXT, F_WRITE, job_board_kinds},
    {"identifier", FT_TEXT, F_WRITE, .min = 1, .max = JOB_BOARD_URL_MAX},
    {"name", FT_TEXT, F_WRITE, .min = 1, .max = 200},
    {"enabled", FT_BOOL, F_WRITE | F_NOTNULL},
    {NULL},
};
const struct table job_source_create_body = {NULL, create_fields, false, "JobSourceCreate"};

static const struct field patch_fields[] = {
    {"name", FT_TEXT, F_WRITE, .min = 1, .max = 200},
    {"enabled", FT_BOOL, F_WRITE | F_NOTNULL},
    {NULL},
};
const struct table job_source_patch_body = {NULL, patch_fields, false, "JobSourcePatch"};

static const char *const started_by[] = {"manual", "schedule", "command", NULL};
static const struct field run_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"source_id", FT_INT, F_NOTNULL},
    {"started_by", FT_TEXT, F_NOTNULL, started_by},
    {"started_at", FT_TIMESTAMP, F_NOTNULL},
    {"finished_at", FT_TIMESTAMP, F_NOTNULL},
    {"found", FT_INT, F_NOTNULL},
    {"created", FT_INT, F_NOTNULL},
    {"duplicates", FT_INT, F_NOTNULL},
    {"errors", FT_INT, F_NOTNULL},
    {"error", FT_TEXT, 0},
    {"jobs", FT_JSON, F_NOTNULL},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table job_source_run_table = {"job_source_runs", run_fields, true, "JobSourceRun"};

static const char *const sortable[] = {"created_at", "name", "kind", "last_fetched_at", NULL};
static const struct list_param filters[] = {
    {"kind", "kind", FILTER_EQ},
    {"enabled", "enabled", FILTER_EQ},
    {NULL},
};
const struct list_spec job_source_list_spec = {filters, sortable, "-created_at"};

static const char *const run_sortable[] = {"started_at", NULL};
const struct list_spec job_source_run_list_spec = {NULL, run_sortable, "-started_at"};

/* ================================================================ rows */

/* A source as the routes answer it (the API document reads it). */
static const struct field reply_fields[] = {
    {"page_url", FT_TEXT, F_NOTNULL | F_OPTIONAL,
     .doc = "the board's page for people, when the kind has one"},
    {NULL},
};
const struct table job_source_reply = {NULL, reply_fields, false, "JobSourceWithPage",
                                       &job_source_table};

/* Adds page_url, the board's page for people, to a source object. */
static void add_page_url(json_t *source)
{
    const char *kind = json_string_value(json_object_get(source, "kind"));
    const char *identifier = json_string_value(json_object_get(source, "identifier"));
    if (kind && identifier) {
        char *url = job_board_page_url(kind, identifier);
        json_object_set_new(source, "page_url", json_string(url));
        free(url);
    }
}

/* A listed source's page_url, as add_page_url adds it to the source's object. */
static void on_members(void *ctx, const struct store_result *res, size_t i, struct buf *out)
{
    const char *kind = table_row_string(res, i, "kind");
    const char *identifier = table_row_string(res, i, "identifier");
    if (kind == NULL || identifier == NULL)
        return;
    char *url = job_board_page_url(kind, identifier);
    if (url && utf8_valid(url, strlen(url))) {
        buf_puts(out, ",\"page_url\":");
        json_buf_string(out, url);
    }
    free(url);
}

int job_source_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                    struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, &job_source_table, &job_source_list_spec, p, a, &q, e);
    if (rc)
        return rc;
    struct list_hooks hooks = {.members = on_members};
    return table_list(c, &job_source_table, user_id, &q, &hooks, a, items, total, e);
}

int job_source_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                   struct err *e)
{
    int rc = table_get(c, &job_source_table, user_id, id, a, out, e);
    if (rc == 0)
        add_page_url(*out);
    return rc;
}

/* ================================================================ create, update */

/* The kind and identifier of a new source, from a pasted url or from kind and identifier. */
static int kind_and_identifier(struct values *v, struct arena *a, const char **kind,
                               const char **identifier, struct err *e)
{
    const char *url = values_text(v, "url");
    const char *k = values_text(v, "kind"), *id = values_text(v, "identifier");
    if (url && (k || id))
        return err_set(e, ERR_INVALID, k ? "kind" : "identifier",
                       "give either url or kind and identifier, not both");
    if (url) {
        struct job_board_ref ref;
        int rc = job_board_recognise(url, &ref, e);
        if (rc)
            return rc;
        *kind = ref.kind;
        *identifier = arena_strdup(a, ref.identifier);
        job_board_ref_free(&ref);
        return 0;
    }
    if (k == NULL)
        return err_set(e, ERR_INVALID, "kind", "kind is required (or give the board's url)");
    if (id == NULL)
        return err_set(e, ERR_INVALID, "identifier",
                       "identifier is required (or give the board's url)");
    int rc = job_board_check(k, id, e);
    if (rc)
        return rc;
    char *normal = job_board_normalise(k, id);
    *kind = k;
    *identifier = arena_strdup(a, normal);
    free(normal);
    return 0;
}

/* The id of user_id's source of kind and identifier, 0 when none. */
static int64_t existing(struct store_conn *c, int64_t user_id, const char *kind,
                        const char *identifier)
{
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(kind), SV_TEXT(identifier)};
    struct store_result *r;
    if (store_exec(c,
                   "SELECT id FROM job_sources WHERE user_id = ? AND kind = ? AND identifier = ?",
                   p, 3, &r, NULL) != 0)
        return 0;
    int64_t id = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return id;
}

/* A feed whose host is an IP address the fetch would refuse (policy) is refused now, naming
 * field; a host name is not resolved here (the fetch checks what it resolves to). */
static int feed_address(const char *kind, const char *identifier, const struct fetch_policy *policy,
                        const char *field, struct err *e)
{
    if (strcmp(kind, "rss") != 0)
        return 0;
    char *url = job_board_api_url(kind, NULL, identifier);
    struct err why = {0};
    int rc = url ? fetch_check_literal_host(url, policy, &why) : 0;
    free(url);
    return rc ? err_set(e, rc, field, "%s", why.message) : 0;
}

int job_source_create(struct store_conn *c, int64_t user_id, json_t *body,
                      const struct fetch_policy *policy, struct arena *a, json_t **out,
                      struct err *e)
{
    struct values in = {0};
    int rc = table_parse(&job_source_create_body, body, PARSE_CREATE, a, &in, e);
    const char *kind = NULL, *identifier = NULL;
    if (rc == 0)
        rc = kind_and_identifier(&in, a, &kind, &identifier, e);
    if (rc == 0)
        rc = feed_address(kind, identifier, policy, values_text(&in, "url") ? "url" : "identifier",
                          e);
    if (rc)
        return rc;
    struct values v = {0};
    values_set(&v, &job_source_table, "kind", SV_TEXT(kind));
    values_set(&v, &job_source_table, "identifier", SV_TEXT(identifier));
    struct field_value *name = values_get(&in, "name"), *enabled = values_get(&in, "enabled");
    if (name)
        values_set(&v, &job_source_table, "name", name->value);
    values_set(&v, &job_source_table, "enabled", enabled ? enabled->value : SV_BOOL(true));
    const char *now = time_now_text(a);
    values_set(&v, &job_source_table, "user_id", SV_INT(user_id));
    values_set(&v, &job_source_table, "consecutive_failures", SV_INT(0));
    values_set(&v, &job_source_table, "created_at", SV_TEXT(now));
    values_set(&v, &job_source_table, "updated_at", SV_TEXT(now));
    rc = table_insert(c, &job_source_table, &v, a, out, e);
    if (rc == ERR_CONFLICT) {
        int64_t id = existing(c, user_id, kind, identifier);
        rc = err_replace(e, ERR_CONFLICT, "identifier",
                         "you follow this %s source already (id %lld)", kind, (long long)id);
        if (e)
            e->existing_id = id;
    }
    if (rc == 0)
        add_page_url(*out);
    return rc;
}

int job_source_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                      struct arena *a, json_t **out, struct err *e)
{
    struct values set = {0};
    struct field_value *name = values_get(v, "name"), *enabled = values_get(v, "enabled");
    if (name)
        values_set(&set, &job_source_table, "name", name->value);
    if (enabled) {
        values_set(&set, &job_source_table, "enabled", enabled->value);
        if (enabled->value.i) /* a source enabled again starts counting failures afresh */
            values_set(&set, &job_source_table, "consecutive_failures", SV_INT(0));
    }
    int rc;
    if (set.n) {
        rc = table_update(c, &job_source_table, user_id, id, &set, a, out, e);
    } else { /* nothing to change; an If-Match must still be the current version */
        rc = table_get(c, &job_source_table, user_id, id, a, out, e);
        if (rc == 0) {
            rc = table_expect_row(&job_source_table, id, *out, e);
            if (rc) {
                json_decref(*out);
                *out = NULL;
            }
        }
    }
    if (rc == 0)
        add_page_url(*out);
    return rc;
}

/* ================================================================ fetch state */

int job_source_lease(struct store_conn *c, int64_t id, const char *now, const char *until,
                     const char *due_before, bool *taken, struct err *e)
{
    struct store_result *r;
    int rc;
    if (due_before) {
        struct store_value p[] = {SV_TEXT(until), SV_INT(id), SV_TEXT(now), SV_TEXT(due_before)};
        rc = store_exec(c,
                        "UPDATE job_sources SET lease_until = ? WHERE id = ? AND enabled "
                        "AND (lease_until IS NULL OR lease_until < ?) "
                        "AND (last_fetched_at IS NULL OR last_fetched_at < ?)",
                        p, 4, &r, e);
    } else {
        struct store_value p[] = {SV_TEXT(until), SV_INT(id), SV_TEXT(now)};
        rc = store_exec(c,
                        "UPDATE job_sources SET lease_until = ? WHERE id = ? "
                        "AND (lease_until IS NULL OR lease_until < ?)",
                        p, 3, &r, e);
    }
    if (rc)
        return rc;
    *taken = store_changes(r) == 1;
    store_result_free(r);
    return 0;
}

int job_source_finish(struct store_conn *c, int64_t id, const char *now, const char *error,
                      struct err *e)
{
    if (error == NULL) {
        struct store_value p[] = {SV_TEXT(now), SV_TEXT(now), SV_INT(id)};
        return store_exec(c,
                          "UPDATE job_sources SET last_fetched_at = ?, updated_at = ?, "
                          "last_error = NULL, consecutive_failures = 0, lease_until = NULL "
                          "WHERE id = ?",
                          p, 3, NULL, e);
    }
    struct store_value p[] = {SV_TEXT(now), SV_TEXT(now), SV_TEXT(error),
                              SV_INT(JOB_SOURCE_PAUSE_AFTER), SV_INT(id)};
    return store_exec(c,
                      "UPDATE job_sources SET last_fetched_at = ?, updated_at = ?, "
                      "last_error = ?, consecutive_failures = consecutive_failures + 1, "
                      "enabled = CASE WHEN consecutive_failures + 1 >= ? THEN FALSE "
                      "ELSE enabled END, lease_until = NULL WHERE id = ?",
                      p, 5, NULL, e);
}

int job_source_release(struct store_conn *c, int64_t id, struct err *e)
{
    struct store_value p[] = {SV_INT(id)};
    return store_exec(c, "UPDATE job_sources SET lease_until = NULL WHERE id = ?", p, 1, NULL, e);
}

int job_source_name_if_empty(struct store_conn *c, int64_t id, const char *name, struct err *e)
{
    if (name == NULL || *name == '\0')
        return 0;
    char cut[201];
    snprintf(cut, sizeof cut, "%s", name);
    struct store_value p[] = {SV_TEXT(cut), SV_INT(id)};
    return store_exec(c, "UPDATE job_sources SET name = ? WHERE id = ? AND name IS NULL", p, 2,
                      NULL, e);
}

static int ids_of(struct store_result *r, int64_t *ids, size_t max, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < store_rows(r) && *n < max; i++)
        ids[(*n)++] = store_int(r, i, 0);
    store_result_free(r);
    return 0;
}

int job_source_due(struct store_conn *c, const char *now, const char *due_before, int64_t *ids,
                   size_t max, size_t *n, struct err *e)
{
    struct store_value p[] = {SV_TEXT(due_before), SV_TEXT(now), SV_INT((int64_t)max)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT id FROM job_sources WHERE enabled "
                        "AND (last_fetched_at IS NULL OR last_fetched_at < ?) "
                        "AND (lease_until IS NULL OR lease_until < ?) "
                        "ORDER BY last_fetched_at IS NOT NULL, last_fetched_at, id LIMIT ?",
                        p, 3, &r, e);
    return rc ? rc : ids_of(r, ids, max, n);
}

int job_source_enabled(struct store_conn *c, int64_t user_id, int64_t *ids, size_t max, size_t *n,
                       struct err *e)
{
    struct store_value p[] = {SV_INT(user_id), SV_INT(user_id), SV_INT((int64_t)max)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT id FROM job_sources WHERE enabled AND (? = 0 OR user_id = ?) "
                        "ORDER BY id LIMIT ?",
                        p, 3, &r, e);
    return rc ? rc : ids_of(r, ids, max, n);
}

/* ================================================================ runs */

int job_source_add_run(struct store_conn *c, const struct job_source_run *run, struct arena *a,
                       json_t **out, struct err *e)
{
    const struct table *t = &job_source_run_table;
    struct values v = {0};
    values_set(&v, t, "user_id", SV_INT(run->user_id));
    values_set(&v, t, "source_id", SV_INT(run->source_id));
    values_set(&v, t, "started_by", SV_TEXT(run->started_by));
    values_set(&v, t, "started_at", SV_TEXT(run->started_at));
    values_set(&v, t, "finished_at", SV_TEXT(run->finished_at));
    values_set(&v, t, "found", SV_INT(run->found));
    values_set(&v, t, "created", SV_INT(run->created));
    values_set(&v, t, "duplicates", SV_INT(run->duplicates));
    values_set(&v, t, "errors", SV_INT(run->errors));
    values_set(&v, t, "error", SV_TEXT_OR_NULL(run->error));
    values_set(&v, t, "jobs", SV_TEXT(run->jobs ? json_to_text(run->jobs, a) : "[]"));
    values_set(&v, t, "created_at", SV_TEXT(run->finished_at));
    int rc = table_insert(c, t, &v, a, out, e);
    if (rc)
        return rc;
    /* keep the newest JOB_SOURCE_RUNS_KEPT of the source */
    struct store_value p[] = {SV_INT(run->source_id), SV_INT(run->source_id),
                              SV_INT(JOB_SOURCE_RUNS_KEPT)};
    return store_exec(c,
                      "DELETE FROM job_source_runs WHERE source_id = ? AND id NOT IN "
                      "(SELECT id FROM job_source_runs WHERE source_id = ? "
                      "ORDER BY started_at DESC, id DESC LIMIT ?)",
                      p, 3, NULL, e);
}

int job_source_runs(struct store_conn *c, int64_t user_id, int64_t id, const struct list_params *p,
                    struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    bool owned;
    struct store_value k[] = {SV_INT(id), SV_INT(user_id)};
    int rc = store_exec_matched(c, "SELECT 1 FROM job_sources WHERE id = ? AND user_id = ?", k, 2,
                                &owned, e);
    if (rc)
        return rc;
    if (!owned)
        return err_set(e, ERR_NOT_FOUND, NULL, "no such job source: %lld", (long long)id);
    struct list_query q;
    rc = table_list_query(c, &job_source_run_table, &job_source_run_list_spec, p, a, &q, e);
    if (rc)
        return rc;
    q.filters[q.nfilters++] = (struct list_filter){"source_id", FILTER_EQ, SV_INT(id)};
    return table_list(c, &job_source_run_table, user_id, &q, NULL, a, items, total, e);
}
