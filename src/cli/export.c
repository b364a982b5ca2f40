/* This file implements `copilot export USER_ID`: all of a user's data as JSON on stdout, streamed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../model/account.h"
#include "cli.h"

/* Streams the export to stdout a part at a time (constant memory), in the layout
 * cli_print_json gives a document: two-space indentation and a final newline. */
static int export_user(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    struct account_export *x;
    int rc = account_export_open(c, *(long long *)ctx, JSON_INDENT(2), &x, e);
    if (rc)
        return rc;
    struct buf part;
    buf_init(&part);
    do {
        buf_reset(&part);
        rc = account_export_next(x, &part, e);
        if (rc >= 0 && part.len && fwrite(part.data, 1, part.len, stdout) != part.len)
            rc = err_set(e, ERR_INTERNAL, NULL, "cannot write the export");
    } while (rc == 1);
    if (rc == 0)
        putchar('\n');
    buf_free(&part);
    account_export_close(x);
    return rc;
}

int cli_export(int argc, char **argv)
{
    char *end = NULL;
    long long user = argc == 2 ? strtoll(argv[1], &end, 10) : 0;
    if (argc != 2 || *end != '\0' || user <= 0) {
        fputs("usage: copilot export USER_ID\n", stderr);
        return 2;
    }
    struct err e = {0};
    int rc = cli_with_store(export_user, &user, &e);
    if (rc)
        fprintf(stderr, "copilot export: %s\n", rc == ERR_NOT_FOUND ? "no such user" : e.message);
    return rc ? 1 : 0;
}
