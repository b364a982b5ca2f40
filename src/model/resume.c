/* This file implements the résumé model of resume.h. */
#include "resume.h"

#include <stdlib.h>
#include <string.h>

#include "../core/skills.h"
#include "../core/utf8.h"
#include "../core/validate.h"
#include "../lib/buf.h"
#include "../lib/json.h"
#include "../lib/timeutil.h"
#include "job.h"
#include "resume_file.h"
#include "resume_parse.h"
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
    {"label", FT_TEXT, 0},
    {"created_at", FT_TIMESTAMP, 0},
    {"updated_at", FT_TIMESTAMP, 0},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table resume_table = {"resume_uploads", resume_fields, true, "Resume"};

static const struct field patch_fields[] = {
    {"label", FT_TEXT, F_WRITE, .min = 1, .max = RESUME_LABEL_MAX, .check = validate_trimmed},
    {NULL},
};
const struct table resume_patch_body = {NULL, patch_fields, false, "ResumePatch"};

static const char *const list_sortable[] = {"created_at", "updated_at", "filename",
                                            "file_size",  "label",      NULL};
static const struct list_param list_filters[] = {
    {"label", "label", FILTER_EQ},
    {"file_type", "file_type", FILTER_EQ},
    {"parsing_status", "parsing_status", FILTER_EQ},
    {"is_primary", "is_primary", FILTER_EQ},
    {NULL},
};
const struct list_spec resume_list_spec = {list_filters, list_sortable, "-created_at"};

int resume_list(struct store_conn *c, int64_t user_id, const struct list_params *p, struct arena *a,
                struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params(c, &resume_table, &resume_list_spec, user_id, p, NULL, a, items, total,
                             e);
}

/* ================================================================ rows */

/* Runs sql for one résumé's row: *res holds at least one row (the caller frees it), else
 * ERR_NOT_FOUND ("no such résumé") and nothing to free. */
static int one_result(struct store_conn *c, const char *sql, const struct store_value *p, int n,
                      struct store_result **res, struct err *e)
{
    int rc = store_exec(c, sql, p, n, res, e);
    if (rc)
        return rc;
    if (store_rows(*res) == 0) {
        store_result_free(*res);
        *res = NULL;
        return err_set(e, ERR_NOT_FOUND, NULL, "no such résumé");
    }
    return 0;
}

/* Runs sql and maps its first row to *out; ERR_NOT_FOUND when there is none. */
static int one_row(struct store_conn *c, const char *sql, const struct store_value *p, int n,
                   json_t **out, struct err *e)
{
    struct store_result *res;
    int rc = one_result(c, sql, p, n, &res, e);
    if (rc)
        return rc;
    if (out)
        *out = table_row_json(&resume_table, res, 0);
    store_result_free(res);
    return 0;
}

/* A new row: what the upload says about the file, and what parsing found. */
struct resume_row {
    const char *filename;  /* for display only */
    const char *file_path; /* the storage key (resume_file.h), chosen by the server */
    int64_t file_size;
    const char *file_type; /* "pdf", "docx", "txt", "md" */
    struct resume_parsed parsed;
};

/* Whether a résumé of this parsing_status gives the letters and the matching anything: every
 * status but "failed". Only such a résumé becomes primary without the user asking. */
static bool resume_readable(const char *parsing_status)
{
    return parsing_status && strcmp(parsing_status, "failed") != 0;
}

/* Inserts row for user_id with the bytes data[0..len), in one transaction: the row is primary
 * when it could be read and the user has no primary résumé yet. */
static int insert_row(struct store_conn *c, int64_t user_id, const struct resume_row *row,
                      const char *data, size_t len, struct arena *a, json_t **out, struct err *e)
{
    const char *now = time_now_text(a);
    const char *cols = table_columns(&resume_table, NULL, a);
    /* primary when readable and the user has none (a file that could not be read gives the
     * letters and the matching nothing: it is primary only when the user says so); a
     * concurrent first upload may win the race, and the partial unique index then refuses this
     * one: insert again as not primary */
    for (int attempt = resume_readable(row->parsed.parsing_status) ? 0 : 1; attempt < 2;
         attempt++) {
        *out = NULL;
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
            SV_TEXT(row->parsed.parsing_status),
            SV_TEXT_OR_NULL(row->parsed.parsed_data),
            SV_TEXT_OR_NULL(row->parsed.extracted_skills),
            SV_TEXT_OR_NULL(row->parsed.extracted_experience),
            SV_TEXT_OR_NULL(row->parsed.extracted_contact_info),
            SV_TEXT_OR_NULL(row->parsed.parsing_error),
            attempt == 0 ? SV_INT(user_id) : SV_BOOL(false),
            SV_TEXT(now),
            SV_TEXT(now),
        };
        int rc = store_begin(c, e);
        if (rc)
            return rc;
        rc = one_row(c, sql, p, sizeof p / sizeof *p, out, e);
        if (rc == 0)
            rc = resume_file_put(c, json_get_int(*out, "id"), data, len, e);
        rc = table_finish(c, rc, out, e);
        if (rc == 0)
            return 0;
        if (rc != ERR_CONFLICT || strstr(e->constraint, "file_path") || attempt == 1)
            return rc;
        err_clear(e);
    }
    return ERR_INTERNAL; /* not reached */
}

int resume_upload(struct store_conn *c, int64_t user_id, const struct resume_upload *up,
                  struct arena *a, json_t **out, struct err *e)
{
    enum filetype type = filetype_detect(up->data, up->len, up->filename);
    if (type == FILETYPE_UNKNOWN) {
        int rc = err_set(e, ERR_UNSUPPORTED, "file",
                         "the file is not a PDF, DOCX, plain-text or Markdown document");
        static const char *const accepted[] = {"pdf", "docx", "txt", "md"};
        for (size_t i = 0; e && i < 4; i++)
            e->allowed[e->nallowed++] = accepted[i];
        return rc;
    }
    struct resume_row row = {
        .filename = resume_display_filename(up->filename, type, a),
        .file_path = resume_file_new_key(type, a),
        .file_size = (int64_t)up->len,
        .file_type = filetype_name(type),
    };
    resume_parse(type, up->data, up->len, a, &row.parsed);
    return insert_row(c, user_id, &row, up->data, up->len, a, out, e);
}

int resume_download(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                    const char **data, size_t *len, const char **file_type, const char **filename,
                    struct err *e)
{
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    struct store_result *res;
    int rc = one_result(c,
                        "SELECT file_type, filename FROM resume_uploads "
                        "WHERE id = ? AND user_id = ?",
                        p, 2, &res, e);
    if (rc)
        return rc;
    *file_type = arena_strdup(a, store_text(res, 0, 0));
    *filename = arena_strdup(a, store_text(res, 0, 1));
    store_result_free(res);
    return resume_file_get(c, user_id, id, a, data, len, e);
}

/* The string member name of o copied into a, or NULL. */
static const char *member_text(json_t *o, const char *name, struct arena *a)
{
    const char *s = json_string_value(json_object_get(o, name));
    return s && *s ? arena_strdup(a, s) : NULL;
}

/* The end of an entry for ordering: current first, then the latest "YYYY[-MM]". */
static const char *entry_end(json_t *entry)
{
    if (json_is_true(json_object_get(entry, "current")))
        return "9999";
    const char *end = json_string_value(json_object_get(entry, "end"));
    return end ? end : "";
}

/* The roles of parsed_data.experience.entries into out: the latest first. */
static void latest_roles(json_t *entries, struct arena *a, struct resume_facts *out)
{
    size_t latest = 0, i;
    json_t *entry;
    json_array_foreach(entries, i, entry)
    {
        if (strcmp(entry_end(entry), entry_end(json_array_get(entries, latest))) > 0)
            latest = i;
    }
    for (size_t k = 0; k < json_array_size(entries) && out->nroles < RESUME_ROLES; k++) {
        size_t index = k == 0 ? latest : k <= latest ? k - 1 : k;
        entry = json_array_get(entries, index);
        struct resume_role *r = &out->roles[out->nroles++];
        r->title = member_text(entry, "title", a);
        r->company = member_text(entry, "company", a);
        r->current = json_is_true(json_object_get(entry, "current"));
        size_t h;
        json_t *text;
        json_array_foreach(json_object_get(entry, "highlights"), h, text)
        {
            if (json_is_string(text) && r->nhighlights < RESUME_ROLE_HIGHLIGHTS)
                r->highlights[r->nhighlights++] = arena_strdup(a, json_string_value(text));
        }
    }
}

int resume_facts(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                 struct resume_facts *out, struct err *e)
{
    memset(out, 0, sizeof *out);
    out->years = -1;
    int64_t chosen = 0;
    int rc = job_id ? job_resume_choice(c, user_id, job_id, &chosen, e) : 0;
    if (rc)
        return rc;
    /* the résumé chosen for the job, else the primary one */
    struct store_value p[] = {SV_INT(user_id), SV_INT(chosen)};
    struct store_result *r;
    rc = store_exec(c,
                    chosen
                        ? "SELECT extracted_skills, extracted_experience, extracted_contact_info, "
                          "parsed_data, id, label, is_primary FROM resume_uploads "
                          "WHERE user_id = ? AND id = ?"
                        : "SELECT extracted_skills, extracted_experience, extracted_contact_info, "
                          "parsed_data, id, label, is_primary FROM resume_uploads "
                          "WHERE user_id = ? AND is_primary ORDER BY id DESC LIMIT 1",
                    p, chosen ? 2 : 1, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        out->found = true;
        out->chosen = chosen != 0;
        out->id = store_int(r, 0, 4);
        const char *text;
        if ((text = store_text(r, 0, 0)))
            out->skills = arena_strdup(a, text);
        if ((text = store_text(r, 0, 1)))
            out->experience = arena_strdup(a, text);
        if ((text = store_text(r, 0, 5)))
            out->label = arena_strdup(a, text);
        json_t *contact = json_loads(store_text(r, 0, 2) ? store_text(r, 0, 2) : "", 0, NULL);
        out->contact_name = member_text(contact, "name", a);
        out->contact_email = member_text(contact, "email", a);
        json_decref(contact);
        json_t *parsed = json_loads(store_text(r, 0, 3) ? store_text(r, 0, 3) : "", 0, NULL);
        json_t *experience = json_object_get(parsed, "experience");
        json_t *years = json_object_get(experience, "years");
        if (json_is_integer(years))
            out->years = (int)json_integer_value(years);
        latest_roles(json_object_get(experience, "entries"), a, out);
        json_decref(parsed);
    }
    store_result_free(r);
    return 0;
}

int resume_skill_sets(struct store_conn *c, int64_t user_id, struct arena *a,
                      struct resume_skill_set **out, size_t *n, struct err *e)
{
    struct store_value p[] = {SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT id, is_primary, extracted_skills FROM resume_uploads "
                        "WHERE user_id = ? ORDER BY id",
                        p, 1, &r, e);
    if (rc)
        return rc;
    *n = store_rows(r);
    *out = arena_alloc(a, (*n ? *n : 1) * sizeof **out);
    for (size_t i = 0; i < *n; i++) {
        const char *skills = store_text(r, i, 2);
        (*out)[i] = (struct resume_skill_set){
            .id = store_int(r, i, 0),
            .primary = store_bool(r, i, 1),
            .skills = skills ? arena_strdup(a, skills) : NULL,
        };
    }
    store_result_free(r);
    return 0;
}

/* ================================================================ label */

int resume_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                  struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    int rc = table_update(c, &resume_table, user_id, id, v, a, out, e);
    if (rc != ERR_CONFLICT)
        return rc;
    /* the unique (user_id, label): name the résumé that has the label already */
    const char *label = values_text(v, "label");
    struct store_value p[] = {SV_INT(user_id), SV_TEXT(label)};
    struct store_result *r;
    int64_t existing = 0;
    if (label && store_exec(c, "SELECT id FROM resume_uploads WHERE user_id = ? AND label = ?", p,
                            2, &r, NULL) == 0) {
        existing = store_rows(r) ? store_int(r, 0, 0) : 0;
        store_result_free(r);
    }
    rc = err_replace(e, ERR_CONFLICT, "label", "another of your résumés is labelled \"%s\"",
                     label ? label : "");
    if (e)
        e->existing_id = existing;
    return rc;
}

/* ================================================================ primary */

/* One attempt at moving the primary flag, inside a transaction the caller opened. */
static int move_primary(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                        json_t **out, struct err *e)
{
    /* lock the user's own row first: two moves at once then queue up here instead of each
     * locking one résumé and waiting for the other's (a deadlock on PostgreSQL, answered 503;
     * locking every résumé in one UPDATE still could, its rows being met in different orders
     * once updated; SQLite's BEGIN IMMEDIATE already serialises them) */
    struct store_value owner[] = {SV_INT(user_id)};
    int rc = store_exec(
        c, arena_printf(a, "SELECT id FROM users WHERE id = ?%s", store_sql_for_update(c)), owner,
        1, NULL, e);
    if (rc)
        return rc;
    const char *now = time_now_text(a);
    struct store_value clear[] = {SV_BOOL(false), SV_TEXT(now), SV_INT(user_id), SV_INT(id)};
    rc = store_exec(c,
                    "UPDATE resume_uploads SET is_primary = ?, updated_at = ? "
                    "WHERE user_id = ? AND is_primary AND id <> ?",
                    clear, 4, NULL, e);
    if (rc)
        return rc;
    /* row_version set here: SQLite's trigger corrects a version left alone only after the
     * statement, so RETURNING showed the old one (an ETag already stale; engines_agree) */
    struct store_value set[] = {SV_BOOL(true), SV_TEXT(now), SV_INT(id), SV_INT(user_id)};
    const char *sql = arena_printf(a,
                                   "UPDATE resume_uploads SET is_primary = ?, updated_at = ?, "
                                   "row_version = row_version + 1 "
                                   "WHERE id = ? AND user_id = ? RETURNING %s",
                                   table_columns(&resume_table, NULL, a));
    return one_row(c, sql, set, 4, out, e);
}

int resume_set_primary(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                       json_t **out, struct err *e)
{
    /* two requests moving the flag at once can collide on the partial unique index: the
     * loser starts over and sees the winner's commit; so does a move the database failed in a
     * deadlock (ERR_UNAVAILABLE) with the deletion of this résumé, which holds its row and waits
     * for the résumé the move cleared to hand the flag over (PostgreSQL) */
    for (int attempt = 0; attempt < 3; attempt++) {
        *out = NULL;
        int rc = store_begin(c, e);
        if (rc)
            return rc;
        rc = move_primary(c, user_id, id, a, out, e);
        rc = table_finish(c, rc, out, e);
        if (rc == 0)
            return 0;
        if (rc != ERR_CONFLICT && rc != ERR_UNAVAILABLE)
            return rc;
        err_clear(e);
    }
    return err_set(e, ERR_CONFLICT, NULL, "the primary résumé is being changed concurrently");
}

/* ================================================================ delete */

/* Makes the user's newest readable résumé primary unless one already is (none when every
 * résumé left failed to parse: the upload's rule). */
static int promote_newest(struct store_conn *c, int64_t user_id, struct arena *a, struct err *e)
{
    struct store_value p[] = {SV_BOOL(true), SV_TEXT(time_now_text(a)), SV_INT(user_id),
                              SV_TEXT("failed"), SV_INT(user_id)};
    return store_exec(c,
                      "UPDATE resume_uploads SET is_primary = ?, updated_at = ? "
                      "WHERE id = (SELECT id FROM resume_uploads WHERE user_id = ? "
                      "AND parsing_status <> ? ORDER BY created_at DESC, id DESC LIMIT 1) "
                      "AND NOT EXISTS (SELECT 1 FROM resume_uploads WHERE user_id = ? "
                      "AND is_primary)",
                      p, 5, NULL, e);
}

/* One attempt at the deletion, inside a transaction the caller opened: the row goes (its file
 * with it: ON DELETE CASCADE) and, when it was the primary one, the flag passes to the newest
 * readable résumé left. */
static int delete_row(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a,
                      struct err *e)
{
    struct store_value p[2 + TABLE_EXPECT_MAX] = {SV_INT(id), SV_INT(user_id)};
    int n = 2;
    struct buf sql;
    buf_init(&sql);
    buf_puts(&sql, "DELETE FROM resume_uploads WHERE id = ? AND user_id = ?");
    bool expected = table_expect_clause(&resume_table, id, NULL, &sql, p, &n); /* If-Match */
    buf_puts(&sql, " RETURNING is_primary");
    struct store_result *res;
    int rc = store_exec(c, sql.data, p, n, &res, e);
    buf_free(&sql);
    if (rc)
        return rc;
    if (store_rows(res) == 0) {
        store_result_free(res);
        return expected ? table_missing(c, &resume_table, user_id, id, e)
                        : err_set(e, ERR_NOT_FOUND, NULL, "no such résumé");
    }
    bool was_primary = store_bool(res, 0, 0);
    store_result_free(res);
    return was_primary ? promote_newest(c, user_id, a, e) : 0;
}

int resume_delete(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, struct err *e)
{
    /* The deletion and the hand-over of the primary flag are one transaction: a user with a
     * readable résumé always has a primary one. A concurrent upload or primary change may make
     * another résumé primary first; the partial unique index then refuses the promotion
     * (ERR_CONFLICT) and the attempt starts over, when the promotion is no longer needed. */
    for (int attempt = 0; attempt < 3; attempt++) {
        int rc = store_begin(c, e);
        if (rc)
            return rc;
        rc = table_finish(c, delete_row(c, user_id, id, a, e), NULL, e);
        if (rc != ERR_CONFLICT && rc != ERR_UNAVAILABLE) /* and a deadlock with such a move */
            return rc;
        err_clear(e);
    }
    return err_set(e, ERR_CONFLICT, NULL, "the primary résumé is being changed concurrently");
}

/* ================================================================ apply skills */

/* Appends to have each string of extracted whose key it lacks, while have holds fewer than the
 * skills field's cap (TABLE_ARRAY_MAX_ITEMS) and the name fits an item; returns the added
 * ones. */
static json_t *merge_skills(const struct skills_dict *dict, json_t *have, json_t *extracted)
{
    json_t *added = json_array();
    const size_t most = table_array_max_items(table_field(&user_table, "skills"));
    char key[256], other[256];
    size_t i, k;
    json_t *s, *h;
    json_array_foreach(extracted, i, s)
    {
        if (json_array_size(have) >= most)
            break;
        if (!json_is_string(s) || json_string_length(s) == 0 ||
            utf8_count(json_string_value(s), json_string_length(s)) > TABLE_ARRAY_ITEM_MAX_CHARS)
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
    int rc = one_result(c, sql, p, n, &res, e);
    if (rc)
        return rc;
    *out = store_isnull(res, 0, 0) ? NULL : arena_strdup(a, store_text(res, 0, 0));
    store_result_free(res);
    return 0;
}

static int apply_skills(struct store_conn *c, int64_t user_id, int64_t id,
                        const struct skills_dict *dict, struct arena *a, json_t **user,
                        json_t **added, const char **level, struct err *e)
{
    const char *extracted_text = NULL, *have_text = NULL;
    struct store_value p[] = {SV_INT(id), SV_INT(user_id)};
    int rc = one_text(c, "SELECT extracted_skills FROM resume_uploads WHERE id = ? AND user_id = ?",
                      p, 2, a, &extracted_text, e);
    if (rc == 0)
        rc = one_text(
            c, "SELECT extracted_experience FROM resume_uploads WHERE id = ? AND user_id = ?", p, 2,
            a, level, e);
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
                        json_t **added, const char **suggested_level, struct err *e)
{
    *user = *added = NULL;
    *suggested_level = NULL;
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = apply_skills(c, user_id, id, dict, a, user, added, suggested_level, e);
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
