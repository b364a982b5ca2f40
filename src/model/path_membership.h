/*
 * This file declares path membership: the one question the career-resource model asks about
 * learning paths (may this resource be deleted, or does a path list it?). It sits apart from
 * model/learning_path.c, which itself reads career resources, so that neither model includes
 * the other both ways.
 */
#ifndef COPILOT_MODEL_PATH_MEMBERSHIP_H
#define COPILOT_MODEL_PATH_MEMBERSHIP_H

#include "table.h"

/* *name receives the name (in a) of the first learning path (by id) whose resource_ids lists
 * resource, or NULL when no path does. */
int path_membership_first(struct store_conn *c, int64_t resource, struct arena *a,
                          const char **name, struct err *e);

#endif
