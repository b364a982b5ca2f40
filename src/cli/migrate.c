/* This file implements `copilot migrate [up | down N | status]`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/migrate.h"
#include "cli.h"

int cli_migrate(int argc, char **argv)
{
    const char *action = argc > 1 ? argv[1] : "up";
    bool up = strcmp(action, "up") == 0, down = strcmp(action, "down") == 0,
         status = strcmp(action, "status") == 0;
    int steps = 0;
    if (down) {
        char *end;
        steps = argc > 2 ? (int)strtol(argv[2], &end, 10) : 0;
        if (argc != 3 || *end != '\0' || steps < 1) {
            fputs("copilot migrate down: give the number of migrations to roll back (N >= 1)\n",
                  stderr);
            return 2;
        }
    } else if (!(up || status) || argc > 2) {
        return cli_usage(false);
    }
    struct store *s = cli_open_store(1, false);
    if (s == NULL)
        return 1;
    struct err e = {0};
    int rc, n = 0;
    if (up) {
        rc = migrate_up(s, &n, &e);
        if (rc == 0)
            printf("applied %d migration(s); schema version %d\n", n,
                   migrate_current_version(s, &e));
    } else if (down) {
        rc = migrate_down(s, steps, &n, &e);
        if (rc == 0)
            printf("rolled back %d migration(s); schema version %d\n", n,
                   migrate_current_version(s, &e));
    } else {
        struct migration_status list[256];
        rc = migrate_status(s, list, 256, &n, &e);
        for (int i = 0; rc == 0 && i < n; i++)
            printf("%04d  %-24s  %s\n", list[i].version, list[i].name,
                   list[i].applied ? list[i].applied_at : "pending");
    }
    if (rc)
        fprintf(stderr, "copilot migrate: %s\n", e.message);
    store_close(s);
    return rc ? 1 : 0;
}
