/* This file implements `copilot export USER_ID`: all of a user's data as JSON on stdout. */
#include <stdio.h>
#include <stdlib.h>

#include "../model/account.h"
#include "cli.h"

int cli_export(int argc, char **argv)
{
    char *end = NULL;
    long long user = argc == 2 ? strtoll(argv[1], &end, 10) : 0;
    if (argc != 2 || *end != '\0' || user <= 0) {
        fputs("usage: copilot export USER_ID\n", stderr);
        return 2;
    }
    struct store *s = cli_open_store(1, true);
    if (s == NULL)
        return 1;
    struct store_conn *c = store_acquire(s);
    struct arena a;
    arena_init(&a);
    struct err e = {0};
    json_t *doc = NULL;
    int rc = account_export(c, user, &a, &doc, &e);
    if (rc == 0) {
        char *text = json_dumps(doc, JSON_INDENT(2));
        puts(text);
        free(text);
        json_decref(doc);
    } else {
        fprintf(stderr, "copilot export: %s\n", rc == ERR_NOT_FOUND ? "no such user" : e.message);
    }
    arena_free(&a);
    store_release(s, c);
    store_close(s);
    return rc ? 1 : 0;
}
