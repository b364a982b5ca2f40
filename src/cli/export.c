/* This file implements `copilot export USER_ID`: all of a user's data as JSON on stdout. */
#include <stdio.h>
#include <stdlib.h>

#include "../model/account.h"
#include "cli.h"

static int export_user(struct store_conn *c, struct arena *a, void *ctx, struct err *e)
{
    json_t *doc;
    int rc = account_export(c, *(long long *)ctx, a, &doc, e);
    if (rc == 0)
        cli_print_json(doc);
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
