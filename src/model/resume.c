/* This file implements the résumé model of resume.h. */
#include "resume.h"

#include <stdlib.h>
#include <string.h>

#include "../core/skills.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "user.h"

static const char *const file_types[] = {"pdf", "docx", "txt", "md", NULL};
static const char *const parsing_statuses[] = {"pending", "processing", "completed", "failed",
                                               NULL};
static const char *const experience_levels[] = {"entry", "junior",    "mid", "senior",
                                                "lead",  "executive", NULL};

static const struct field resume_fields[] = {
    {"id", FT_INT, 0},
    {"user_id", FT_INT, 0},
    {"filename", FT_TEXT, 0},
    {"file_path", FT_TEXT, F_HIDDEN},
    {"file_size", FT_INT, 0},
    {"file_type", FT_TEXT, 0, file_types},
    {"parsing_status", FT_TEXT, 0, parsing_statuses},
    {"parsed_data", FT_OBJECT, 0},
    {"extracted_skills", FT_STRINGS, 0},
    {"extracted_experience", FT_TEXT, 0, experience_levels},
    {"extracted_contact_info", FT_OBJECT, 0},
    {"parsing_error", FT_TEXT, 0},
    {"is_primary", FT_BOOL, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {NULL},
};
const struct table resume_table = {"resume_uploads", resume_fields, true};

static const char *const list_sortable[] = {"created_at", "updated_at", "filename", "file_size",
                                            NULL};
static const struct list_param list_filters[] = {
    {"file_type", "file_type", FILTER_EQ},
    {"parsing_status", "parsing_status", FILTER_EQ},
    {"is_primary", "is_primary", FILTER_EQ},
    {NULL},
};
static const struct list_spec resume_list_spec = {list_filters, list_sortable, "-created_at"};

int resume_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
                json_t **items, int64_t *total, struct err *e)
{
    return table_list_params(c, &resume_table, &resume_list_spec, user_id, p, a, items, total, e);
}

/* ================================================================ rows */

/* Runs sql and maps its first row to *out; ERR_NOT_FOUND when there is none. */
static int one_row(struct store_conn *c, const char *sql, const struct store_value *p, int n,
                   json_t **out, struct err *e)
{
    struct store_result *res;
    int rc = store_exec(c, sql, p, n, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such résumé");
    else if (out)
        *out = table_row_json(&resume_table, res, 0);
    store_result_free(res);
    return rc;
}

int resume_create(struct store_conn *c, int64_t user_id, const struct resume_row *row,
                  struct arena *a, json_t **out, struct err *e)
{
    const char *now = time_now_text(a);
    const char *cols = table_columns(&resume_table, NULL, a);
    /* primary when the user has none; a concurrent first upload may win the race, and the
     * partial unique index then refuses this one: insert again as not primary */
    for (int attempt = 0; attempt < 2; attempt++) {
        const char *primary = attempt == 0 ? "NOT EXISTS (SELECT 1 FROM resume_uploads "
                                             "WHERE user_id = ? AND is_primary)"
                                           : "?";
        const char *sql = arena_printf(
            a,
            "INSERT INTO resume_uploads (user_id, filename, file_path, file_size, file_type, "
            "parsing_status, parsed_data, extracted_skills, extracted_experience, "
            "extracted_contact_info, parsing_error, is_primary, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, %s, ?, ?) RETURNING %s",
            primary, cols);
        struct store_value p[] = {
            SV_INT(user_id),
            SV_TEXT(row->filename),
            SV_TEXT(row->file_path),
            SV_INT(row->file_size),
            SV_TEXT(row->file_type),
            SV_TEXT(row->parsing_status),
            SV_TEXT_OR_NULL(row->parsed_data),
            SV_TEXT_OR_NULL(row->extracted_skills),
            SV_TEXT_OR_NULL(row->extracted_experience),
            SV_TEXT_OR_NULL(row->extracted_contact_info),
            SV_TEXT_OR_NULL(row->parsing_error),
            attempt == 0 ? SV_INT(user_id) : SV_BOOL(false),
            SV_TEXT(now),
            SV_TEXT(now),
        };
        int rc = one_row(c, sql, p, sizeof p / sizeof *p, out, e);
        if (rc != ERR_CONFLICT || strstr(e->constraint, "file_path") || attempt == 1)
            return rc;
        err_clear(e);
    }
    return ERR_INTERNAL; /* not reached */
}

int resume_file(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                const char **path, const char **file_type, const char **filename, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *res;
    int rc = store_exec(c,
                        "SELECT file_path, file_type, filename FROM resume_uploads "
                        "WHERE id = ? AND user_id = ?",
                        p, 2, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0) {
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such résumé");
    } else {
        *path = arena_strdup(a, store_text(res, 0, 0));
        *file_type = arena_strdup(a, store_text(res, 0, 1));
        *filename = arena_strdup(a, store_text(res, 0, 2));
    }
    store_result_free(res);
    return rc;
}

int resume_primary(struct store_conn *c, int64_t user_id, struct arena *a,
                   struct resume_primary *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT extracted_skills, extracted_experience, extracted_contact_info "
                        "FROM resume_uploads WHERE user_id = ? AND is_primary "
                        "ORDER BY id DESC LIMIT 1",
                        p, 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        out->found = true;
        const char *text;
        if ((text = store_text(r, 0, 0)))
            out->skills = arena_strdup(a, text);
        if ((text = store_text(r, 0, 1)))
            out->experience = arena_strdup(a, text);
        json_t *contact = json_loads(store_text(r, 0, 2) ? store_text(r, 0, 2) : "", 0, NULL);
        const char *name = json_string_value(json_object_get(contact, "name"));
        if (name)
            out->contact_name = arena_strdup(a, name);
        json_decref(contact);
    }
    store_result_free(r);
    return 0;
}

/* ================================================================ primary */

/* One attempt at moving the primary flag, inside a transaction the caller opened. */
static int move_primary(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                        json_t **out, struct err *e)
{
    const char *now = time_now_text(a);
    struct store_value clear[] = {SV_BOOL(false), SV_TEXT(now), SV_INT(user_id), SV_INT(id)};
    int rc = store_exec(c,
                        "UPDATE resume_uploads SET is_primary = ?, updated_at = ? "
                        "WHERE user_id = ? AND is_primary AND id <> ?",
                        clear, 4, NULL, e);
    if (rc)
        return rc;
    struct store_value set[] = {SV_BOOL(true), SV_TEXT(now), SV_INT(id), SV_INT(user_id)};
    const char *sql = arena_printf(a,
                                   "UPDATE resume_uploads SET is_primary = ?, updated_at = ? "
                                   "WHERE id = ? AND user_id = ? RETURNING %s",
                                   table_columns(&resume_table, NULL, a));
    return one_row(c, sql, set, 4, out, e);
}

int resume_set_primary(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       json_t **out, struct err *e)
{
    /* two requests moving the flag at once can collide on the partial unique index: the
     * loser starts over and sees the winner's commit */
    for (int attempt = 0; attempt < 3; attempt++) {
        *out = NULL;
        int rc = store_begin(c, e);
        if (rc)
            return rc;
        rc = move_primary(c, user_id, id, a, out, e);
        if (rc == 0)
            rc = store_commit(c, e);
        if (rc == 0)
            return 0;
        store_rollback(c);
        if (*out) {
            json_decref(*out);
            *out = NULL;
        }
        if (rc != ERR_CONFLICT)
            return rc;
        err_clear(e);
    }
    return err_set(e, ERR_CONFLICT, NULL, "the primary résumé is being changed concurrently");
}

/* ================================================================ delete */

/* Makes the user's newest résumé primary unless one already is. */
static int promote_newest(struct store_conn *c, int64_t user_id, struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_BOOL(true), SV_TEXT(time_now_text(a)), SV_INT(user_id),
                              SV_INT(user_id)};
    return store_exec(c,
                      "UPDATE resume_uploads SET is_primary = ?, updated_at = ? "
                      "WHERE id = (SELECT id FROM resume_uploads WHERE user_id = ? "
                      "ORDER BY created_at DESC, id DESC LIMIT 1) "
                      "AND NOT EXISTS (SELECT 1 FROM resume_uploads WHERE user_id = ? "
                      "AND is_primary)",
                      p, 4, NULL, e);
}

int resume_delete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                  const char **path, struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *res;
    int rc = store_exec(c,
                        "DELETE FROM resume_uploads WHERE id = ? AND user_id = ? "
                        "RETURNING file_path, is_primary",
                        p, 2, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0) {
        store_result_free(res);
        return err_set(e, ERR_NOT_FOUND, NULL, "no such résumé");
    }
    *path = arena_strdup(a, store_text(res, 0, 0));
    bool was_primary = store_bool(res, 0, 1);
    store_result_free(res);
    /* Handing the flag on is a second statement, outside a transaction on purpose: the
     * deletion stands whatever happens to it, and when a concurrent upload or primary change
     * has meanwhile made another résumé primary, the unique index refuses the promotion,
     * which is then simply not needed. */
    if (was_primary) {
        struct err ignored = {0};
        promote_newest(c, user_id, a, &ignored);
    }
    return 0;
}

/* ================================================================ apply skills */

/* Appends to have each string of extracted whose key it lacks; returns the added ones. */
static json_t *merge_skills(const struct skills_dict *dict, json_t *have, json_t *extracted)
{
    json_t *added = json_array();
    char key[256], other[256];
    size_t i, k;
    json_t *s, *h;
    json_array_foreach(extracted, i, s)
    {
        if (!json_is_string(s) || json_string_length(s) == 0)
            continue;
        skills_key(dict, json_string_value(s), key, sizeof key);
        bool held = false;
        json_array_foreach(have, k, h)
        {
            if (json_is_string(h) &&
                strcmp(skills_key(dict, json_string_value(h), other, sizeof other), key) == 0) {
                held = true;
                break;
            }
        }
        if (held)
            continue;
        const char *canonical = skills_canonical(dict, json_string_value(s));
        json_t *name = json_string(canonical ? canonical : json_string_value(s));
        json_array_append(have, name);
        json_array_append_new(added, name);
    }
    return added;
}

/* Reads one text cell of a one-row query into an arena copy (NULL for SQL NULL). */
static int one_text(struct store_conn *c, const char *sql, const struct store_value *p, int n,
                    struct arena *a, const char **out, struct err *e)
{
    struct store_result *res;
    int rc = store_exec(c, sql, p, n, &res, e);
    if (rc)
        return rc;
    if (store_rows(res) == 0)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "no such résumé");
    else
        *out = store_isnull(res, 0, 0) ? NULL : arena_strdup(a, store_text(res, 0, 0));
    store_result_free(res);
    return rc;
}

static int apply_skills(struct store_conn *c, int64_t user_id, int64_t id,
                        const struct skills_dict *dict, struct arena *a, json_t **user,
                        json_t **added, struct err *e)
{
    const char *extracted_text = NULL, *have_text = NULL;
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    int rc = one_text(c, "SELECT extracted_skills FROM resume_uploads WHERE id = ? AND user_id = ?",
                      p, 2, a, &extracted_text, e);
    if (rc == 0)
        rc = user_skills(c, user_id, a, &have_text, e);
    if (rc)
        return rc;
    json_t *extracted = json_parse_array(extracted_text), *have = json_parse_array(have_text);
    *added = merge_skills(dict, have, extracted);
    if (json_array_size(*added) > 0) {
        rc = user_set_skills(c, user_id, json_to_text(have, a), a, user, e);
    } else {
        rc = table_get(c, &user_table, 0, user_id, a, user, e);
    }
    json_decref(extracted);
    json_decref(have);
    return rc;
}

int resume_apply_skills(struct store_conn *c, int64_t user_id, int64_t id,
                        const struct skills_dict *dict, struct arena *a, json_t **user,
                        json_t **added, struct err *e)
{
    *user = *added = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = apply_skills(c, user_id, id, dict, a, user, added, e);
    if (rc == 0)
        rc = store_commit(c, e);
    if (rc) {
        store_rollback(c);
        json_decref(*user);
        json_decref(*added);
        *user = *added = NULL;
    }
    return rc;
}

/* ================================================================ analysis to JSON */

static json_t *date_json(struct cv_date d)
{
    if (d.year == 0)
        return json_null();
    char text[16];
    if (d.month)
        snprintf(text, sizeof text, "%04d-%02d", d.year, d.month);
    else
        snprintf(text, sizeof text, "%04d", d.year);
    return json_string(text);
}

json_t *resume_contact_json(const struct cv_contact *c)
{
    json_t *links = json_array();
    for (int i = 0; i < c->nlinks; i++) {
        json_t *l = json_string(c->links[i]);
        if (l)
            json_array_append_new(links, l);
    }
    return json_pack("{s:o, s:o, s:o, s:o}", "name", json_text_or_null(c->name), "email",
                     json_text_or_null(c->email), "phone", json_text_or_null(c->phone), "links",
                     links);
}

json_t *resume_skills_json(const struct cv_analysis *r)
{
    return json_from_strings(r->skills, r->nskills);
}

static json_t *entries_json(const struct cv_entry *entries, int n, bool education)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        const struct cv_entry *x = &entries[i];
        json_t *o = json_pack("{s:o, s:o, s:o, s:b}", "title", json_text_or_null(x->title), "start",
                              date_json(x->start), "end", date_json(x->end), "current", x->current);
        if (education) {
            json_object_set_new(o, "institution", json_text_or_null(x->institution));
            json_object_set_new(o, "degree", x->degree ? json_string(x->degree) : json_null());
        }
        json_array_append_new(list, o);
    }
    return list;
}

json_t *resume_parsed_json(const struct cv_analysis *r, const char *text, bool truncated)
{
    json_t *sections = json_array();
    for (size_t i = 1; i < r->nsections; i++) {
        const char *name = cv_section_name(r->sections[i].kind);
        bool seen = false;
        size_t k;
        json_t *s;
        json_array_foreach(sections, k, s) seen = seen || strcmp(json_string_value(s), name) == 0;
        if (!seen)
            json_array_append_new(sections, json_string(name));
    }
    json_t *experience =
        json_pack("{s:o, s:o, s:o}", "level", r->level ? json_string(r->level) : json_null(),
                  "years", r->years >= 0 ? json_integer(r->years) : json_null(), "entries",
                  entries_json(r->experience, r->nexperience, false));
    json_t *education = json_pack("{s:o, s:o}", "highest_degree",
                                  r->highest_degree ? json_string(r->highest_degree) : json_null(),
                                  "entries", entries_json(r->education, r->neducation, true));
    json_t *body = json_string(text);
    return json_pack("{s:o, s:b, s:o, s:o, s:o, s:o, s:o}", "text", body ? body : json_string(""),
                     "text_truncated", truncated, "contact", resume_contact_json(&r->contact),
                     "skills", resume_skills_json(r), "sections", sections, "experience",
                     experience, "education", education);
}
