/* This file implements a job's stage of job_stage.h. */
#include "job_stage.h"

int job_stage_latest(struct store_conn *c, int64_t user_id, int64_t job_id, struct arena *a,
                     const char **status, const char **applied_date, struct err *e)
{
    *status = *applied_date = NULL;
    struct store_value p[] = {SV_INT(job_id), SV_INT(user_id)};
    struct store_result *r;
    int rc = store_exec(c,
                        "SELECT status, applied_date FROM applications "
                        "WHERE job_id = ? AND user_id = ? "
                        "ORDER BY updated_at DESC, id DESC LIMIT 1",
                        p, 2, &r, e);
    if (rc)
        return rc;
    if (store_rows(r)) {
        *status = arena_strdup(a, store_text(r, 0, 0));
        if (store_text(r, 0, 1))
            *applied_date = arena_strdup(a, store_text(r, 0, 1));
    }
    store_result_free(r);
    return 0;
}
