/*
 * This file declares the schema migrator. Migrations are the embedded files
 * migrations/<engine>/NNNN_name.up.sql and .down.sql (see src/lib/embedded.h); each is applied
 * in its own transaction and recorded in schema_migrations(version, applied_at).
 */
#ifndef COPILOT_STORE_MIGRATE_H
#define COPILOT_STORE_MIGRATE_H

#include "store.h"

struct migration_status {
    int version;
    char name[96];
    bool applied;
    char applied_at[32]; /* RFC 3339, empty when not applied */
};

/* Applies every pending migration in version order. *applied (may be NULL) receives how many
 * ran. Returns 0 or an ERR_* code with e filled (the failing migration is rolled back). */
int migrate_up(struct store *s, int *applied, struct err *e);
/* Rolls back the n most recent applied migrations (n >= 1), newest first. */
int migrate_down(struct store *s, int n, int *reverted, struct err *e);
/* Fills out with every known version, applied or not; *count receives how many. Returns 0, or
 * ERR_INTERNAL when more than max are known (out too small), or another ERR_* code. */
int migrate_status(struct store *s, struct migration_status *out, int max, int *count,
                   struct err *e);
/* Highest version among this binary's migrations for s's engine. */
int migrate_latest_version(const struct store *s);
/* Highest applied version, 0 when none. */
int migrate_current_version(struct store *s, struct err *e);

#endif
