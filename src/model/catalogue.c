/*
 * This file implements the catalogue loader of catalogue.h. Each shipped entry is validated
 * by the same field table as the administrators' API (table_parse), so a bad entry in
 * assets/ is caught the first time the server starts (and by tests/unit/model/test_catalogue.c).
 */
#include "catalogue.h"

#include <stdlib.h>
#include <string.h>

#include "../lib/buf.h"
#include "../lib/embedded.h"
#include "../lib/json.h"
#include "../lib/log.h"
#include "../lib/timeutil.h"
#include "career_resource.h"
#include "learning_path.h"

#define RESOURCES_FILE "assets/resources.json"
#define PATHS_FILE "assets/learning_paths.json"

/* The embedded JSON array at path; ERR_INVALID when missing or not an array. */
static int load_file(const char *path, json_t **out, struct err *e)
{
    const struct embedded_file *f = embedded_find(path);
    json_error_t jerr;
    *out = f ? json_loadb((const char *)f->data, f->len, 0, &jerr) : NULL;
    if (f == NULL)
        return err_set(e, ERR_INVALID, NULL, "%s is not embedded", path);
    if (!json_is_array(*out)) {
        json_decref(*out);
        *out = NULL;
        return err_set(e, ERR_INVALID, NULL, "%s: not a JSON array (%s)", path, jerr.text);
    }
    return 0;
}

/* INSERT v into r's table unless a row with the same conflict column exists; *added counts. */
static int insert_missing(struct store_conn *c, const struct table *r, struct values *v,
                          const char *conflict, struct arena *a, int *added, struct err *e)
{
    const struct table_conflict keep = {conflict, NULL};
    struct store_result *res;
    int rc = table_insert_rows(c, r, v, 1, &keep, "", a, &res, e);
    if (rc)
        return rc;
    *added += (int)store_changes(res);
    store_result_free(res);
    return 0;
}

/* Prefixes e's message with where the faulty entry is. */
static int entry_error(int rc, const char *file, size_t index, struct err *e)
{
    err_restate(e, NULL, "%s entry %zu: %.200s", file, index, e->message);
    return rc;
}

static int load_resources(struct store_conn *c, struct arena *a, json_t *list, int *added,
                          struct err *e)
{
    const char *now = time_now_text(a);
    size_t i;
    json_t *entry;
    for (i = 0; i < json_array_size(list) && (entry = json_array_get(list, i)); i++) {
        struct values v = {0};
        int rc = table_parse(&career_resource_table, entry, PARSE_CREATE, a, &v, e);
        if (rc)
            return entry_error(rc, RESOURCES_FILE, i, e);
        career_resource_skill_keys(&v, &career_resource_table, a);
        values_lower_array(&v, &career_resource_table, "tags", a);
        values_set(&v, &career_resource_table, "created_at", SV_TEXT(now));
        values_set(&v, &career_resource_table, "updated_at", SV_TEXT(now));
        rc = insert_missing(c, &career_resource_table, &v, "slug", a, added, e);
        if (rc)
            return rc;
    }
    return 0;
}

/* Turns the array of slugs into the JSON text of the array of their ids (arena). */
static int resolve_slugs(struct store_conn *c, json_t *slugs, struct arena *a, const char **out,
                         struct err *e)
{
    if (!json_is_array(slugs))
        return err_set(e, ERR_INVALID, "resources", "resources must be an array of slugs");
    json_t *ids = json_array();
    size_t i;
    json_t *slug;
    int rc = 0;
    for (i = 0; i < json_array_size(slugs) && (slug = json_array_get(slugs, i)); i++) {
        if (!json_is_string(slug)) {
            rc = err_set(e, ERR_INVALID, "resources", "resources must be an array of slugs");
            break;
        }
        int64_t id;
        rc = career_resource_id_by_slug(c, json_string_value(slug), &id, e);
        if (rc == 0 && id == 0)
            rc = err_set(e, ERR_INVALID, "resources", "no resource with slug %s",
                         json_string_value(slug));
        if (rc)
            break;
        json_array_append_new(ids, json_integer(id));
    }
    if (rc == 0) {
        *out = json_to_text(ids, a);
    }
    json_decref(ids);
    return rc;
}

static int load_paths(struct store_conn *c, struct arena *a, json_t *list, int *added,
                      struct err *e)
{
    const char *now = time_now_text(a);
    size_t i;
    json_t *entry;
    for (i = 0; i < json_array_size(list) && (entry = json_array_get(list, i)); i++) {
        json_t *copy = json_deep_copy(entry);
        json_t *slugs = json_incref(json_object_get(copy, "resources"));
        json_object_del(copy, "resources");
        struct values v = {0};
        const char *ids = NULL;
        int rc = table_parse(&learning_path_table, copy, PARSE_CREATE, a, &v, e);
        if (rc == 0)
            rc = resolve_slugs(c, slugs, a, &ids, e);
        json_decref(slugs);
        if (rc == 0) {
            career_resource_skill_keys(&v, &learning_path_table, a);
            values_set(&v, &learning_path_table, "resource_ids", SV_TEXT(ids));
            values_set(&v, &learning_path_table, "created_at", SV_TEXT(now));
            values_set(&v, &learning_path_table, "updated_at", SV_TEXT(now));
            rc = insert_missing(c, &learning_path_table, &v, "name", a, added, e);
        }
        json_decref(copy); /* v borrows text from the arena only */
        if (rc)
            return rc == ERR_INVALID ? entry_error(rc, PATHS_FILE, i, e) : rc;
    }
    return 0;
}

/*
 * Rewrites the stored skills of every row of t (career resources, learning paths) that are not
 * in their one form, skills_key (career_resource_skill_keys): rows written before that form
 * held lower-case ASCII keys ("postgresql"), which neither the "?skill=" filter nor the skill
 * gap would find any more. Nothing is lost: every old key folds to the same skill. *changed
 * counts the rows rewritten.
 */
static int rekey_skills(struct store_conn *c, const struct table *t, struct arena *a, int *changed,
                        struct err *e)
{
    struct store_result *r;
    int rc = store_exec(
        c, arena_printf(a, "SELECT id, skills FROM %s WHERE skills IS NOT NULL", t->name), NULL, 0,
        &r, e);
    if (rc)
        return rc;
    for (size_t i = 0; rc == 0 && i < store_rows(r); i++) {
        struct values v = {0};
        const char *stored = store_text(r, i, 1);
        values_set(&v, t, "skills", SV_TEXT(arena_strdup(a, stored)));
        career_resource_skill_keys(&v, t, a);
        json_t *before = json_loads(stored, 0, NULL);
        json_t *after = json_loads(values_text(&v, "skills"), 0, NULL);
        bool same = json_equal(before, after);
        json_decref(before);
        json_decref(after);
        if (same)
            continue;
        rc = table_update(c, t, 0, store_int(r, i, 0), &v, a, NULL, e);
        *changed += rc == 0;
    }
    store_result_free(r);
    return rc;
}

int catalogue_load(struct store_conn *c, struct arena *a, int *resources, int *paths, struct err *e)
{
    int nresources = 0, npaths = 0;
    json_t *resources_json = NULL, *paths_json = NULL;
    int rc = load_file(RESOURCES_FILE, &resources_json, e);
    if (rc == 0)
        rc = load_file(PATHS_FILE, &paths_json, e);
    if (rc == 0)
        rc = store_begin(c, e);
    if (rc)
        goto out;
    int rekeyed = 0;
    rc = rekey_skills(c, &career_resource_table, a, &rekeyed, e);
    if (rc == 0)
        rc = rekey_skills(c, &learning_path_table, a, &rekeyed, e);
    if (rc == 0)
        rc = load_resources(c, a, resources_json, &nresources, e);
    if (rc == 0)
        rc = load_paths(c, a, paths_json, &npaths, e);
    if (rc == 0 && rekeyed)
        log_info("resource catalogue: skills of %d resources and paths stored by skill key",
                 rekeyed);
    rc = table_finish(c, rc, NULL, e);
out:
    json_decref(resources_json);
    json_decref(paths_json);
    if (resources)
        *resources = rc ? 0 : nresources;
    if (paths)
        *paths = rc ? 0 : npaths;
    return rc;
}

void catalogue_install(struct store *s)
{
    struct store_conn *c = store_acquire(s);
    struct arena a;
    arena_init(&a);
    struct err e = {0};
    int resources, paths;
    if (catalogue_load(c, &a, &resources, &paths, &e) != 0)
        log_error("cannot load the resource catalogue: %s", e.message);
    else if (resources || paths)
        log_info("resource catalogue: %d resources and %d learning paths added", resources, paths);
    arena_free(&a);
    store_release(s, c);
}
