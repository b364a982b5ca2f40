/* This file implements `copilot export USER_ID [--progress]`: all of a user's data as JSON on
 * stdout, streamed, with the rows written so far as progress (meter.h) on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/account.h"
#include "cli.h"
#include "meter.h"

/* Streams the export to stdout a part at a time (constant memory), in the layout
 * cli_print_json gives a document: two-space indentation and a final newline. */
struct export_job {
    long long user;
    bool force_progress; /* --progress */
};

static int export_user(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    const struct export_job *job = ctx;
    struct account_export *x;
    int rc = account_export_open(c, job->user, JSON_INDENT(2), &x, e);
    if (rc)
        return rc;
    struct meter p;
    meter_start(&p, "export", "rows", 0, job->force_progress);
    struct buf part;
    buf_init(&part);
    do {
        buf_reset(&part);
        rc = account_export_next(x, &part, e);
        if (rc >= 0 && part.len && fwrite(part.data, 1, part.len, stdout) != part.len)
            rc = err_set(e, ERR_INTERNAL, NULL, "cannot write the export");
        meter_update(&p, account_export_rows(x));
    } while (rc == 1);
    if (rc == 0)
        putchar('\n');
    fflush(stdout);
    meter_finish(&p, rc == 0);
    buf_free(&part);
    account_export_close(x);
    return rc;
}

int cli_export(int argc, char **argv)
{
    struct export_job job = {0};
    const char *id = NULL;
    bool bad = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--progress") == 0)
            job.force_progress = true;
        else if (id == NULL)
            id = argv[i];
        else
            bad = true;
    }
    char *end = NULL;
    job.user = id ? strtoll(id, &end, 10) : 0;
    if (bad || id == NULL || *end != '\0' || job.user <= 0) {
        fputs("usage: copilot export USER_ID [--progress]\n", stderr);
        return 2;
    }
    struct err e = {0};
    int rc = cli_with_store(export_user, &job, &e);
    if (rc)
        fprintf(stderr, "copilot export: %s\n", rc == ERR_NOT_FOUND ? "no such user" : e.message);
    return rc ? 1 : 0;
}
