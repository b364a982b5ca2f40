/* This file implements the contacts model of contact.h. */
#include "contact.h"

#include <string.h>

#include "../core/validate.h"
#include "../lib/timeutil.h"
#include "application.h"

const char *const contact_relations[] = {"recruiter", "hiring_manager", "interviewer",
                                         "referrer",  "other",          NULL};

/* How many applications a contact is linked to: a column of the contact, read with it. */
#define APPLICATION_COUNT                                                                          \
    "(SELECT COUNT(*) FROM application_contacts l WHERE l.contact_id = contacts.id)"

static const struct field contact_fields[] = {
    {"id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"name", FT_TEXT, F_WRITE | F_REQUIRED, .min = 1, .max = 200},
    {"email", FT_TEXT, F_WRITE, .max = 254, .check = validate_email},
    {"phone", FT_TEXT, F_WRITE, .min = 1, .max = 50},
    {"company", FT_TEXT, F_WRITE, .min = 1, .max = 200},
    {"role", FT_TEXT, F_WRITE, .min = 1, .max = 200},
    {"linkedin_url", FT_TEXT, F_WRITE, .max = 2048, .check = validate_url},
    {"notes", FT_TEXT, F_WRITE, .max = 100000},
    {"application_count", FT_INT, F_NOTNULL, .expr = APPLICATION_COUNT},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {"updated_at", FT_TIMESTAMP, F_NOTNULL},
    {"row_version", FT_INT, F_NOTNULL},
    {NULL},
};
const struct table contact_table = {"contacts", contact_fields, true, "Contact"};

static const struct field contact_application_fields[] = {
    {"application_id", FT_INT, F_NOTNULL},  {"relation", FT_TEXT, F_NOTNULL, contact_relations},
    {"linked_at", FT_TIMESTAMP, F_NOTNULL}, {"job_id", FT_INT, F_NOTNULL},
    {"job_title", FT_TEXT, F_NOTNULL},      {"company", FT_TEXT, F_NOTNULL},
    {"status", FT_TEXT, F_NOTNULL},         {NULL},
};
static const struct table contact_application_reply = {NULL, contact_application_fields, false,
                                                       "ContactApplication"};
static const struct field contact_reply_fields[] = {
    {"applications", FT_LIST, F_NOTNULL, .of = &contact_application_reply},
    {NULL},
};
const struct table contact_reply = {NULL, contact_reply_fields, false, "ContactWithApplications",
                                    &contact_table};

static const struct field link_fields[] = {
    {"application_id", FT_INT, F_NOTNULL},
    {"contact_id", FT_INT, F_NOTNULL},
    {"user_id", FT_INT, 0},
    {"relation", FT_TEXT, F_NOTNULL, contact_relations},
    {"created_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table application_contact_table = {"application_contacts", link_fields, true,
                                                "ApplicationContact"};

static const struct field link_body_fields[] = {
    {"contact_id", FT_INT, F_WRITE | F_REQUIRED, .min = 1, .max = INT64_MAX},
    {"relation", FT_TEXT, F_WRITE | F_NOTNULL, contact_relations},
    {NULL},
};
const struct table application_contact_body = {NULL, link_body_fields, false,
                                               "ApplicationContactLink"};

static const struct field linked_fields[] = {
    {"relation", FT_TEXT, F_NOTNULL, contact_relations},
    {"linked_at", FT_TIMESTAMP, F_NOTNULL},
    {NULL},
};
const struct table linked_contact_reply = {NULL, linked_fields, false, "LinkedContact",
                                           &contact_table};

static const char *const list_sortable[] = {"name", "company", "created_at", "updated_at", NULL};
static const struct list_param list_filters[] = {
    {"company", "company", FILTER_IEQ},
    {"q", NULL, FILTER_FULLTEXT},
    {NULL},
};
const struct list_spec contact_list_spec = {list_filters, list_sortable, "name"};

static const char *const linked_sortable[] = {"name", "linked_at", NULL};
const struct list_spec linked_contact_list_spec = {NULL, linked_sortable, "name"};

int contact_list(struct store_conn *c, int64_t user_id, const struct list_params *p,
                 struct arena *a, struct buf *items, int64_t *total, struct err *e)
{
    return table_list_params(c, &contact_table, &contact_list_spec, user_id, p, NULL, a, items,
                             total, e);
}

/* ================================================================ one contact */

/* Adds "applications" to contact (of user_id): the applications it is linked to, newest link
 * first, each with its job's title and company. */
static int add_applications(struct store_conn *c, int64_t user_id, json_t *contact, struct err *e)
{
    struct store_value p[] = {SV_INT(json_integer_value(json_object_get(contact, "id"))),
                              SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT l.application_id, l.relation, l.created_at, a.job_id, j.title, "
                        "j.company, a.status FROM application_contacts l "
                        "JOIN applications a ON a.id = l.application_id "
                        "JOIN jobs j ON j.id = a.job_id "
                        "WHERE l.contact_id = ? AND l.user_id = ? "
                        "ORDER BY l.created_at DESC, l.application_id DESC",
                        p, 2, &r, e);
    if (rc)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < store_rows(r); i++)
        json_array_append_new(
            list, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s}", "application_id",
                            (json_int_t)store_int(r, i, 0), "relation", store_text(r, i, 1),
                            "linked_at", store_text(r, i, 2), "job_id",
                            (json_int_t)store_int(r, i, 3), "job_title", store_text(r, i, 4),
                            "company", store_text(r, i, 5), "status", store_text(r, i, 6)));
    store_result_free(r);
    json_object_set_new(contact, "applications", list);
    return 0;
}

/* Completes *out (a contact row) with its applications, dropping it on failure. */
static int finish(struct store_conn *c, int64_t user_id, int rc, json_t **out, struct err *e)
{
    if (rc == 0)
        rc = add_applications(c, user_id, *out, e);
    if (rc && *out) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int contact_create(struct store_conn *c, int64_t user_id, struct values *v, struct arena *a,
                   json_t **out, struct err *e)
{
    *out = NULL;
    const char *now = time_now_text(a);
    values_set(v, &contact_table, "user_id", SV_INT(user_id));
    values_set(v, &contact_table, "created_at", SV_TEXT(now));
    values_set(v, &contact_table, "updated_at", SV_TEXT(now));
    int rc = table_insert(c, &contact_table, v, a, out, e);
    if (rc == 0) /* a new contact has no applications: nothing to read after the write, whose
                    failure would answer an error for a contact stored */
        json_object_set_new(*out, "applications", json_array());
    return rc;
}

int contact_get(struct store_conn *c, int64_t user_id, int64_t id, struct arena *a, json_t **out,
                struct err *e)
{
    *out = NULL;
    return finish(c, user_id, table_get(c, &contact_table, user_id, id, a, out, e), out, e);
}

int contact_update(struct store_conn *c, int64_t user_id, int64_t id, struct values *v,
                   struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    /* the write and the read of the links in one transaction: a failed read undoes the write
     * rather than answer an error for a change made */
    int rc = store_begin(c, e);
    if (rc)
        return rc;
    rc = finish(c, user_id, table_update(c, &contact_table, user_id, id, v, a, out, e), out, e);
    return table_finish(c, rc, out, e);
}

/* ================================================================ links */

/* "SELECT <contact columns>, relation, linked_at FROM contacts" for the contacts linked to one
 * application: the link's columns come from a subquery per row (bound: the application id). */
#define LINK_COLUMNS                                                                               \
    "(SELECT l.relation FROM application_contacts l WHERE l.contact_id = contacts.id "             \
    "AND l.application_id = ?) AS relation, "                                                      \
    "(SELECT l.created_at FROM application_contacts l WHERE l.contact_id = contacts.id "           \
    "AND l.application_id = ?) AS linked_at"

/* The contact contact_id as linked to application_id (linked_contact_reply). */
static int linked_one(struct store_conn *c, int64_t user_id, int64_t application_id,
                      int64_t contact_id, struct arena *a, json_t **out, struct err *e)
{
    const char *sql = arena_printf(a,
                                   "SELECT %s, " LINK_COLUMNS " FROM contacts "
                                   "WHERE id = ? AND user_id = ?",
                                   table_columns(&contact_table, NULL, a));
    struct store_value p[] = {SV_INT(application_id), SV_INT(application_id), SV_INT(contact_id),
                              SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c, sql, p, 4, &r, e);
    if (rc)
        return rc;
    if (store_rows(r) == 0)
        rc = err_set(e, ERR_NOT_FOUND, "contact_id", "no such contact");
    else
        *out = table_row_json(&contact_table, r, 0);
    store_result_free(r);
    return rc;
}

/* The stored relation of the link into *relation (arena; NULL when there is no link). */
static int link_relation(struct store_conn *c, int64_t user_id, int64_t application_id,
                         int64_t contact_id, struct arena *a, const char **relation, struct err *e)
{
    *relation = NULL;
    struct store_value p[] = {SV_INT(application_id), SV_INT(contact_id), SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT relation FROM application_contacts WHERE application_id = ? "
                        "AND contact_id = ? AND user_id = ?",
                        p, 3, &r, e);
    if (rc)
        return rc;
    if (store_rows(r))
        *relation = arena_strdup(a, store_text(r, 0, 0));
    store_result_free(r);
    return 0;
}

/* One attempt at writing the link, inside the caller's transaction. */
static int write_link(struct store_conn *c, int64_t user_id, int64_t application_id,
                      int64_t contact_id, const char *relation, struct arena *a, bool *created,
                      struct err *e)
{
    const char *stored;
    int rc = link_relation(c, user_id, application_id, contact_id, a, &stored, e);
    if (rc)
        return rc;
    *created = stored == NULL;
    if (!*created) {
        if (relation == NULL || strcmp(relation, stored) == 0)
            return 0;
        struct store_value p[] = {SV_TEXT(relation), SV_INT(application_id), SV_INT(contact_id),
                                  SV_INT(user_id)};
        return store_exec(c,
                          "UPDATE application_contacts SET relation = ? WHERE application_id = ? "
                          "AND contact_id = ? AND user_id = ?",
                          p, 4, NULL, e);
    }
    struct values v = {0};
    values_set(&v, &application_contact_table, "application_id", SV_INT(application_id));
    values_set(&v, &application_contact_table, "contact_id", SV_INT(contact_id));
    values_set(&v, &application_contact_table, "user_id", SV_INT(user_id));
    values_set(&v, &application_contact_table, "relation", SV_TEXT(relation ? relation : "other"));
    values_set(&v, &application_contact_table, "created_at", SV_TEXT(time_now_text(a)));
    rc = table_insert_rows(c, &application_contact_table, &v, 1, NULL, "", a, NULL, e);
    if (rc == ERR_FOREIGN_KEY) { /* the application was checked: the contact is not the user's */
        rc = err_replace(e, ERR_NOT_FOUND, "contact_id", "no such contact: %lld",
                         (long long)contact_id);
    }
    return rc;
}

int contact_link(struct store_conn *c, int64_t user_id, int64_t application_id, int64_t contact_id,
                 const char *relation, struct arena *a, json_t **out, bool *created, struct err *e)
{
    *out = NULL;
    /* a link written at the same moment by another request makes the insert collide: the
       second attempt finds it and changes its relation instead */
    for (int attempt = 0; attempt < 2; attempt++) {
        int rc = store_begin(c, e);
        if (rc)
            return rc;
        rc = application_exists(c, user_id, application_id, e);
        if (rc == 0)
            rc = write_link(c, user_id, application_id, contact_id, relation, a, created, e);
        if (rc == 0)
            rc = linked_one(c, user_id, application_id, contact_id, a, out, e);
        rc = table_finish(c, rc, out, e);
        if (rc == 0)
            return 0;
        if (rc != ERR_CONFLICT || attempt > 0)
            return rc;
        err_clear(e);
    }
    return 0; /* not reached */
}

int contact_get_linked(struct store_conn *c, int64_t user_id, int64_t application_id,
                       int64_t contact_id, struct arena *a, json_t **out, struct err *e)
{
    *out = NULL;
    int rc = application_exists(c, user_id, application_id, e);
    if (rc == 0)
        rc = linked_one(c, user_id, application_id, contact_id, a, out, e);
    if (rc == 0 && json_is_null(json_object_get(*out, "relation"))) {
        json_decref(*out);
        *out = NULL;
        rc = err_set(e, ERR_NOT_FOUND, NULL, "this contact is not linked to it");
    }
    if (rc == ERR_NOT_FOUND && e) /* a path, not a body: no field to name */
        err_replace(e, ERR_NOT_FOUND, NULL, "%s", e->message);
    return rc;
}

int contact_unlink(struct store_conn *c, int64_t user_id, int64_t application_id,
                   int64_t contact_id, struct err *e)
{
    struct store_value p[] = {SV_INT(application_id), SV_INT(contact_id), SV_INT(user_id)};
    bool gone;
    int rc = store_exec_matched(c,
                                "DELETE FROM application_contacts WHERE application_id = ? AND "
                                "contact_id = ? AND user_id = ?",
                                p, 3, &gone, e);
    if (rc == 0 && !gone)
        rc = err_set(e, ERR_NOT_FOUND, NULL, "this contact is not linked to it");
    return rc;
}

/* ---- the contacts of one application: table_list with hooks ---- */

struct linked_query {
    struct store_value application[2];
};

static int linked_where(void *ctx, struct store_conn *c, struct arena *a, struct buf *sql,
                        const char **glue, struct store_value *params)
{
    const struct linked_query *q = ctx;
    buf_printf(sql,
               "%sid IN (SELECT contact_id FROM application_contacts WHERE application_id = ?)",
               *glue);
    params[0] = q->application[0];
    *glue = " AND ";
    return 1;
}

static const char *linked_order(void *ctx, const struct list_query *q, struct arena *a)
{
    const char *dir = q->desc ? "DESC" : "ASC";
    return strcmp(q->sort, "linked_at") == 0 ? arena_printf(a, "linked_at %s", dir)
                                             : arena_printf(a, "name %s", dir);
}

int contact_list_linked(struct store_conn *c, int64_t user_id, int64_t application_id,
                        const struct list_params *p, struct arena *a, struct buf *items,
                        int64_t *total, struct err *e)
{
    struct list_query q;
    int rc = table_list_query(c, &contact_table, &linked_contact_list_spec, p, a, &q, e);
    if (rc == 0)
        rc = application_exists(c, user_id, application_id, e);
    if (rc)
        return rc;
    struct linked_query ctx = {{SV_INT(application_id), SV_INT(application_id)}};
    struct list_hooks hooks = {
        .extra_columns = LINK_COLUMNS,
        .extra_params = ctx.application,
        .nextra = 2,
        .where = linked_where,
        .order = linked_order,
        .ctx = &ctx,
    };
    return table_list(c, &contact_table, user_id, &q, &hooks, a, items, total, e);
}
