/*
 * This file declares what the files of the career-resources model share (career_resource.c:
 * the field tables, the catalogue, administrator writes, views; career_resource_recommend.c,
 * career_resource_bookmark.c, career_resource_rating.c): the helpers one file defines for the
 * others. Only those files see them.
 */
#ifndef COPILOT_MODEL_CAREER_RESOURCE_INTERNAL_H
#define COPILOT_MODEL_CAREER_RESOURCE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/err.h"
#include "../store/store.h"
#include "table.h"

/* career_resource.c: the user's row of r (bookmark or feedback) for resource id, or JSON null;
 * NULL on failure. */
int career_resource_user_row(struct store_conn *c, const struct table *r, int64_t user, int64_t id,
                             struct arena *a, json_t **out, struct err *e);
/* career_resource.c: the user's row of r for resource id, as career_resource_user_row reads it,
 * once the resource is one the caller may see (career_resource_get with admin): ERR_NOT_FOUND
 * with the message missing when the user has none. *resource receives the resource (a new
 * reference) when resource is not NULL. On failure *out and *resource are NULL. */
int career_resource_own_row(struct store_conn *c, const struct table *r, int64_t user, bool admin,
                            int64_t id, const char *missing, struct arena *a, json_t **resource,
                            json_t **out, struct err *e);

#endif
