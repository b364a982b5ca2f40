/* This file implements the users model of user.h. */
#include "user.h"

#include <stdlib.h>
#include <string.h>

#include "../core/validate.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/list_params.h"
#include "../lib/timeutil.h"
#include "job.h"

static const char *const experience_levels[] = {"entry", "junior",    "mid", "senior",
                                                "lead",  "executive", NULL};

static const struct field user_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"username", FT_TEXT, 0},
    {"email", FT_TEXT, F_WRITE | F_NOTNULL | F_LOWER, .check = validate_email},
    {"hashed_password", FT_TEXT, F_HIDDEN},
    {"has_password", FT_BOOL, 0, .expr = "(hashed_password IS NOT NULL)"},
    {"skills", FT_STRINGS, F_WRITE | F_NOTNULL},
    {"preferred_locations", FT_STRINGS, F_WRITE | F_NOTNULL},
    {"experience_level", FT_TEXT, F_WRITE, experience_levels},
    {"daily_application_goal", FT_INT, F_WRITE | F_NOTNULL, .min = 0, .max = 100},
    {"is_admin", FT_BOOL, 0},
    {"prefer_remote_jobs", FT_BOOL, F_WRITE | F_NOTNULL},
    {"oauth_provider", FT_TEXT, 0},
    {"oauth_id", FT_TEXT, 0},
    {"profile_picture_url", FT_TEXT, F_WRITE, .check = validate_url},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table user_table = {"users", user_fields, false, "User"};

static const char *const list_sortable[] = {"id", "username", "email", "created_at", NULL};
static const struct list_param list_filters[] = {
    {"is_admin", "is_admin", FILTER_EQ},
    {"username", "username", FILTER_IEQ},
    {"email", "email", FILTER_IEQ},
    {NULL},
};
const struct list_spec user_list_spec = {list_filters, list_sortable, "id"};

static const struct field list_query_fields[] = {
    {"q", FT_TEXT, 0, .doc = "part of the username or e-mail address (case-insensitive)"},
    {NULL},
};
const struct table user_list_query = {NULL, list_query_fields, false, "UserListQuery"};

/* ?q=: the username or the e-mail holds the text. */
static int search_where(void *ctx, struct store_conn *c, struct arena *a, struct buf *sql,
                        const char **glue, struct store_value *params)
{
    const char *pattern = table_like_pattern(ctx, a);
    buf_printf(sql,
               "%s(lower(username) LIKE lower(?) ESCAPE '\\' OR email LIKE lower(?) ESCAPE '\\')",
               *glue);
    *glue = " AND ";
    params[0] = SV_TEXT(pattern);
    params[1] = SV_TEXT(pattern);
    return 2;
}

int user_list(struct store_conn *c, const struct list_params *p, struct arena *a, struct buf *items,
              int64_t *total, struct err *e)
{
    const char *search = list_params_get(p, "q");
    if (search == NULL || strspn(search, " \t") == strlen(search))
        return table_list_params(c, &user_table, &user_list_spec, 0, p, NULL, a, items, total, e);
    struct list_query q;
    int rc = table_list_query(c, &user_table, &user_list_spec, p, a, &q, e);
    if (rc)
        return rc;
    const struct list_hooks hooks = {.where = search_where, .ctx = (void *)search};
    return table_list(c, &user_table, 0, &q, &hooks, a, items, total, e);
}

static const struct field register_fields[] = {
    {"username", FT_TEXT, F_WRITE | F_REQUIRED, .check = validate_username},
    {"email", FT_TEXT, F_WRITE | F_REQUIRED | F_LOWER, .check = validate_email},
    {"password", FT_TEXT, F_WRITE | F_REQUIRED, .check = validate_password},
    {NULL},
};
const struct table register_body = {NULL, register_fields, false, "Registration"};

static const struct field preferences_fields[] = {
    {"id", FT_INT, 0, .doc = "null until the preferences are first saved"},
    {"user_id", FT_INT, 0},
    {"preferred_sources", FT_STRINGS, F_WRITE, job_source_values},
    {"disabled_sources", FT_STRINGS, F_WRITE, job_source_values},
    {"preferred_job_types", FT_STRINGS, F_WRITE, job_type_values},
    {"preferred_companies", FT_STRINGS, F_WRITE},
    {"excluded_companies", FT_STRINGS, F_WRITE},
    {"min_salary", FT_INT, F_WRITE, .min = 0, .max = 100000000},
    {"keywords", FT_STRINGS, F_WRITE},
    {"excluded_keywords", FT_STRINGS, F_WRITE},
    {"notify_new_matches", FT_BOOL, F_WRITE},
    {"created_at", FT_TIMESTAMP, 0, .doc = "null until the preferences are first saved"},
    {"updated_at", FT_TIMESTAMP, 0, .doc = "null until the preferences are first saved"},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table user_preferences_table = {"user_job_preferences", preferences_fields, true,
                                             "JobPreferences"};

int user_create(struct store_conn *c, const char *username, const char *email,
                const char *password_hash, bool is_admin, struct arena *a, json_t **out,
                struct err *e)
{
    struct values v = {0};
    values_set(&v, &user_table, "username", SV_TEXT(username));
    values_set(&v, &user_table, "email", SV_TEXT(email));
    values_set(&v, &user_table, "hashed_password", SV_TEXT_OR_NULL(password_hash));
    values_set(&v, &user_table, "is_admin", SV_BOOL(is_admin));
    const char *now = time_now_text(a);
    values_set(&v, &user_table, "created_at", SV_TEXT(now));
    values_set(&v, &user_table, "updated_at", SV_TEXT(now));
    int rc = table_insert(c, &user_table, &v, a, out, e);
    if (rc == ERR_CONFLICT && e) {
        const char *taken = strstr(e->constraint, "email") ? "email" : "username";
        err_restate(e, taken, "%s is already taken", taken);
    }
    return rc;
}

int user_find_for_login(struct store_conn *c, const char *login, struct arena *a, int64_t *id,
                        const char **password_hash, struct err *e)
{
    *id = 0;
    *password_hash = NULL;
    struct store_value p[] = {SV_TEXT(login), SV_TEXT(login)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT id, hashed_password FROM users WHERE username = ? "
                        "OR email = lower(?) ORDER BY id LIMIT 1",
                        p, 2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        *id = store_int(r, 0, 0);
        const char *hash = store_text(r, 0, 1);
        *password_hash = hash ? arena_strdup(a, hash) : NULL;
    }
    store_result_free(r);
    return 0;
}

/* The one text sql (a SELECT of one column by the user's id) reads from user id's row, copied
 * into a; NULL when there is no such row or the column is NULL. */
static int user_text(struct store_conn *c, int64_t id, const char *sql, struct arena *a,
                     const char **out, struct err *e)
{
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 1, &r, e);
    if (rc)
        return rc;
    const char *text = store_text(r, 0, 0);
    *out = text ? arena_strdup(a, text) : NULL;
    store_result_free(r);
    return 0;
}

int user_password_hash(struct store_conn *c, int64_t id, struct arena *a, const char **hash,
                       struct err *e)
{
    return user_text(c, id, "SELECT hashed_password FROM users WHERE id = ?", a, hash, e);
}

int user_set_password(struct store_conn *c, int64_t id, const char *hash, struct arena *a,
                      struct err *e)
{
    struct values v = {0};
    values_set(&v, &user_table, "hashed_password", SV_TEXT(hash));
    return table_update(c, &user_table, 0, id, &v, a, NULL, e);
}

int user_profile(struct store_conn *c, int64_t id, struct arena *a, struct user_profile *out,
                 struct err *e)
{
    memset(out, 0, sizeof *out);
    out->skills = out->preferred_locations = "[]";
    struct store_value p[] = {SV_INT(id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT username, email, skills, preferred_locations, experience_level, "
                        "prefer_remote_jobs, daily_application_goal FROM users WHERE id = ?",
                        p, 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        const char *text;
        out->username = arena_strdup(a, store_text(r, 0, 0));
        out->email = arena_strdup(a, store_text(r, 0, 1));
        if ((text = store_text(r, 0, 2)))
            out->skills = arena_strdup(a, text);
        if ((text = store_text(r, 0, 3)))
            out->preferred_locations = arena_strdup(a, text);
        if ((text = store_text(r, 0, 4)))
            out->experience_level = arena_strdup(a, text);
        out->prefer_remote_jobs = store_bool(r, 0, 5);
        out->daily_application_goal = store_int(r, 0, 6);
    }
    store_result_free(r);
    return 0;
}

int user_skills(struct store_conn *c, int64_t id, struct arena *a, const char **skills,
                struct err *e)
{
    return user_text(c, id, "SELECT skills FROM users WHERE id = ?", a, skills, e);
}

int user_set_skills(struct store_conn *c, int64_t id, const char *skills, struct arena *a,
                    json_t **out, struct err *e)
{
    struct values v = {0};
    values_set(&v, &user_table, "skills", SV_TEXT(skills));
    return table_update(c, &user_table, 0, id, &v, a, out, e);
}

int user_id_by_oauth(struct store_conn *c, const char *provider, const char *subject, int64_t *id,
                     struct err *e)
{
    struct store_value p[] = {SV_TEXT(provider), SV_TEXT(subject)};
    struct store_result *r;
    int rc = store_exec(c, "SELECT id FROM users WHERE oauth_provider = ? AND oauth_id = ?", p, 2,
                        &r, e);
    if (rc)
        return rc;
    *id = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return 0;
}

int user_id_by_username(struct store_conn *c, const char *username, int64_t *id, struct err *e)
{
    struct store_value p[] = {SV_TEXT(username)};
    struct store_result *r;
    int rc = store_exec(c, "SELECT id FROM users WHERE username = ?", p, 1, &r, e);
    if (rc)
        return rc;
    *id = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return 0;
}

int user_resolve(struct store_conn *c, const char *who, int64_t *id, struct err *e)
{
    struct store_result *r;
    int rc;
    *id = 0;
    if (who == NULL) {
        rc = store_exec(c, "SELECT MIN(id), COUNT(*) FROM users", NULL, 0, &r, e);
        if (rc)
            return rc;
        int64_t n = store_int(r, 0, 1);
        if (n == 1)
            *id = store_int(r, 0, 0);
        store_result_free(r);
        if (n == 1)
            return 0;
        return n == 0 ? err_set(e, ERR_NOT_FOUND, NULL, "there is no user yet")
                      : err_set(e, ERR_INVALID, NULL,
                                "there are %lld users: name one (id or username)", (long long)n);
    }
    char *end;
    long long n = strtoll(who, &end, 10);
    bool numeric = *who >= '0' && *who <= '9' && *end == '\0';
    struct store_value p[] = {numeric ? SV_INT(n) : SV_TEXT(who)};
    rc = store_exec(c,
                    numeric ? "SELECT id FROM users WHERE id = ?"
                            : "SELECT id FROM users WHERE username = ?",
                    p, 1, &r, e);
    if (rc)
        return rc;
    *id = store_rows(r) ? store_int(r, 0, 0) : 0;
    store_result_free(r);
    return *id ? 0 : err_set(e, ERR_NOT_FOUND, NULL, "no such user: %s", who);
}

/* Reads user_id's one preferences row into *row (NULL when never saved), locking it until the
 * transaction ends when lock (suffix store_sql_for_update's). */
static int preferences_row(struct store_conn *c, int64_t user_id, const char *lock, struct arena *a,
                           json_t **row, struct err *e)
{
    const char *sql = arena_printf(a, "SELECT %s FROM user_job_preferences WHERE user_id = ?%s",
                                   table_columns(&user_preferences_table, NULL, a), lock);
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    *row = NULL;
    int rc = store_exec(c, sql, p, 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r))
        *row = table_row_json(&user_preferences_table, r, 0);
    store_result_free(r);
    return 0;
}

int user_preferences_get(struct store_conn *c, int64_t user_id, struct arena *a, json_t **out,
                         struct err *e)
{
    int rc = preferences_row(c, user_id, "", a, out, e);
    if (rc)
        return rc;
    if (*out == NULL) { /* never saved: the defaults */
        /* version 0: its ETag is what a first PUT with If-Match expects (user_preferences_put) */
        *out = json_pack(
            "{s:n, s:I, s:[], s:[], s:[], s:[], s:[], s:n, s:[], s:[], s:b, s:n, s:n, s:i}", "id",
            "user_id", (json_int_t)user_id, "preferred_sources", "disabled_sources",
            "preferred_job_types", "preferred_companies", "excluded_companies", "min_salary",
            "keywords", "excluded_keywords", "notify_new_matches", 1, "created_at", "updated_at",
            "row_version", 0);
    }
    return 0;
}

int user_preferences_put(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                         json_t **out, struct err *e)
{
    *out = NULL;
    /* PUT replaces the whole object: absent fields go back to their defaults */
    static const char *const lists[] = {
        "preferred_sources",  "disabled_sources", "preferred_job_types", "preferred_companies",
        "excluded_companies", "keywords",         "excluded_keywords",   NULL};
    for (const char *const *l = lists; *l; l++)
        if (values_get(v, *l) == NULL)
            values_set(v, &user_preferences_table, *l, SV_TEXT("[]"));
    if (values_get(v, "min_salary") == NULL)
        values_set(v, &user_preferences_table, "min_salary", SV_NULL);
    if (values_get(v, "notify_new_matches") == NULL)
        values_set(v, &user_preferences_table, "notify_new_matches", SV_BOOL(true));
    const char *now = time_now_text(a);
    values_set(v, &user_preferences_table, "updated_at", SV_TEXT(now));
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    /* the user's one row is updated in place (its id and created_at stay; table_update moves
     * its version one up) or created (version 1, the column's default); the object is the
     * user's one row, so an If-Match names it by its owner */
    json_t *row;
    rc = preferences_row(c, user_id, store_sql_for_update(c), a, &row, e);
    if (rc == 0)
        rc = table_expect_row(&user_preferences_table, user_id, row, e);
    int64_t id = json_get_int(row, "id");
    json_decref(row);
    if (rc)
        goto fail;
    if (id) {
        rc = table_update(c, &user_preferences_table, user_id, id, v, a, out, e);
    } else {
        values_set(v, &user_preferences_table, "user_id", SV_INT(user_id));
        values_set(v, &user_preferences_table, "created_at", SV_TEXT(now));
        rc = table_insert(c, &user_preferences_table, v, a, out, e);
    }
fail:
    return table_finish(c, rc, out, e);
}
