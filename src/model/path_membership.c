/*
 * This file implements path membership (path_membership.h): which learning path lists a
 * career resource, read from learning_paths.resource_ids.
 */
#include "path_membership.h"

int path_membership_first(struct store_conn *c, int64_t resource, struct arena *a,
                          const char **name, struct err *e)
{
    *name = NULL;
    struct store_result *res;
    int rc = store_exec(c, "SELECT name, resource_ids FROM learning_paths ORDER BY id", NULL, 0,
                        &res, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < store_rows(res) && *name == NULL; i++) {
        const char *text = store_text(res, i, 1);
        json_t *ids = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;
        size_t k;
        json_t *item;
        for (k = 0; k < json_array_size(ids) && (item = json_array_get(ids, k)); k++) {
            if (json_integer_value(item) == resource) {
                *name = arena_strdup(a, store_text(res, i, 0));
                break;
            }
        }
        json_decref(ids);
    }
    store_result_free(res);
    return 0;
}
