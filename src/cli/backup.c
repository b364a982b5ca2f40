/*
 * This file implements `copilot backup FILE` and `copilot restore FILE` for an SQLite database.
 *
 * backup writes a consistent copy of the whole database (résumé files included: they live in
 * it) with SQLite's online backup API while servers go on reading and writing: the copy is the
 * database as of one moment. FILE must not exist; it is complete or absent.
 *
 * restore replaces the database of COPILOT_DATABASE_URL with FILE (a backup, or any Career
 * Copilot SQLite database no newer than this binary) and migrates it up. It refuses while any
 * other process has the database open (a running server, another command: each holds a shared
 * lock on the file), so it runs against a stopped server's path, which is what makes the swap
 * safe: no server keeps serving sessions, caches or in-flight writes from the old content.
 *
 * On PostgreSQL both explain the engine's own tools (pg_dump, pg_restore, pg_basebackup) and
 * exit with status 1: they are consistent while the server runs and cover every database.
 */
#include <stdio.h>
#include <sys/stat.h>

#include "../store/migrate.h"
#include "cli.h"

static const char pg_backup_help[] =
    "copilot backup: the database is PostgreSQL. Back it up with PostgreSQL's own tools, which\n"
    "make a consistent copy while the servers run (docs/deployment.md, \"Backups on "
    "PostgreSQL\"):\n"
    "\n"
    "  pg_dump -Fc -d \"$COPILOT_DATABASE_URL\" -f copilot.dump\n"
    "      one database, résumé files included (they are in it); restore with pg_restore\n"
    "  pg_basebackup -D DIR -Ft -z -X stream\n"
    "      the whole cluster, the base for point-in-time recovery\n";

static const char pg_restore_help[] =
    "copilot restore: the database is PostgreSQL. Restore a pg_dump archive with pg_restore into\n"
    "a new, empty database and point COPILOT_DATABASE_URL at it (docs/deployment.md):\n"
    "\n"
    "  createdb -O copilot copilot_restored\n"
    "  pg_restore -d copilot_restored --no-owner --role=copilot copilot.dump\n";

/* What both commands do first: their one argument FILE checked (usage on stderr, exit status
 * 2), the store of COPILOT_DATABASE_URL opened without migrating, and PostgreSQL sent to its own
 * tools (pg_help on stderr, exit status 1). Returns 0 with *out open, or the exit status. */
static int open_sqlite(int argc, char **argv, const char *usage, const char *pg_help,
                       struct store **out)
{
    *out = NULL;
    if (argc != 2 || argv[1][0] == '-') {
        fputs(usage, stderr);
        return 2;
    }
    struct store *s = cli_open_store(1, false);
    if (s == NULL)
        return 1;
    if (store_engine(s) != STORE_SQLITE) {
        fputs(pg_help, stderr);
        store_close(s);
        return 1;
    }
    *out = s;
    return 0;
}

int cli_backup(int argc, char **argv)
{
    struct store *s;
    int status = open_sqlite(argc, argv, "usage: copilot backup FILE\n", pg_backup_help, &s);
    if (status)
        return status;
    struct err e = {0};
    int version = migrate_current_version(s, &e);
    struct store_conn *c = store_acquire(s);
    int rc = version < 0 ? version : store_backup(c, argv[1], &e);
    store_release(s, c);
    store_close(s);
    struct stat st;
    if (rc == 0 && stat(argv[1], &st) == 0)
        printf("backed up the database to %s (%lld bytes, schema version %d)\n", argv[1],
               (long long)st.st_size, version);
    else if (rc)
        fprintf(stderr, "copilot backup: %s\n", e.message);
    return rc ? 1 : 0;
}

int cli_restore(int argc, char **argv)
{
    struct store *s;
    int status = open_sqlite(
        argc, argv, "usage: copilot restore FILE   (with every server on the database stopped)\n",
        pg_restore_help, &s);
    if (status)
        return status;
    struct err e = {0};
    int applied = 0;
    int rc = store_lock_exclusive(s, &e);
    if (rc == ERR_CONFLICT)
        err_restate(&e, NULL, "%s; stop every server on it first", e.message);
    if (rc == 0) {
        struct store_conn *c = store_acquire(s);
        rc = store_restore(c, argv[1], migrate_latest_version(s), &e);
        store_release(s, c);
    }
    if (rc == 0)
        rc = migrate_up(s, &applied, &e);
    if (rc == 0)
        printf("restored %s; %d migration(s) applied, schema version %d\n", argv[1], applied,
               migrate_current_version(s, &e));
    else
        fprintf(stderr, "copilot restore: %s\n", e.message);
    store_close(s);
    return rc ? 1 : 0;
}
