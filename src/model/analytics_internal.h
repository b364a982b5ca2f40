/*
 * This file declares what the files of the analytics model share (analytics.c: the SQL, the
 * reply shapes and the reports of one user; analytics_system.c: the system-wide figures): the
 * stage conditions' counting macro, the stage fields of a reply, the stage counts and the
 * helpers one file defines for the other. Only those files see it.
 */
#ifndef COPILOT_MODEL_ANALYTICS_INTERNAL_H
#define COPILOT_MODEL_ANALYTICS_INTERNAL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "../lib/arena.h"
#include "../lib/err.h"
#include "../store/store.h"
#include "analytics.h"

#define COUNT_IF(cond) "SUM(CASE WHEN " cond " THEN 1 ELSE 0 END)"

#define STAGE_FIELDS                                                                               \
    {"applied", FT_INT, F_NOTNULL}, {"responses", FT_INT, F_NOTNULL},                              \
        {"interviews", FT_INT, F_NOTNULL}, {"offers", FT_INT, F_NOTNULL},                          \
        {"response_rate", FT_REAL, F_NOTNULL, .min = 0, .max = 100},                               \
        {"interview_rate", FT_REAL, F_NOTNULL, .min = 0, .max = 100},                              \
    {                                                                                              \
        "offer_rate", FT_REAL, F_NOTNULL, .min = 0, .max = 100                                     \
    }

/* The four stage counts of a row read from column col on. */
struct stages {
    int64_t applied, responses, interviews, offers;
};

/* analytics.c */
struct stages analytics_read_stages(const struct store_result *r, size_t row, int col);
void analytics_add_stages(json_t *obj, const struct stages *s);
int analytics_named_counts(struct store_conn *c, const char *sql, const struct store_value *p,
                           int n, const char *const *names, json_t **out, struct err *e);
const char *analytics_days_ago(int days, struct arena *a);

#endif
