/*
 * This file declares whole-account operations: deleting a user (every owned row goes with it
 * through the ON DELETE rules of the schema) and exporting all of a user's data as one JSON
 * document.
 */
#ifndef COPILOT_MODEL_ACCOUNT_H
#define COPILOT_MODEL_ACCOUNT_H

#include "table.h"

/* Deletes user id. ERR_NOT_FOUND when there is no such user. */
int account_delete(struct store_conn *c, int64_t id, struct err *e);
/* *out receives {"exported_at", "user", "preferences", "jobs", "applications", ...}. */
int account_export(struct store_conn *c, int64_t id, struct arena *a, json_t **out, struct err *e);

#endif
