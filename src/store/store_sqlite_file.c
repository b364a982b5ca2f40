/*
 * This file implements the SQLite backend's operations on the database file as a whole:
 * store_backup's copy with the online backup API and store_restore's replacement of the
 * database's content by a backup's.
 */
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store_sqlite_internal.h"

/* ================================================================ the file as a whole */

/* Copies the database of src into dst in one step of the online backup API: a consistent
 * snapshot of src (a read transaction, which in WAL mode lets writers go on) written to dst in
 * one write transaction. Returns 0 or ERR_DB with e filled (what names the operation). */
static int copy_database(sqlite3 *dst, sqlite3 *src, const char *what, struct err *e)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (b == NULL)
        return err_set(e, ERR_DB, NULL, "%s: %s", what, sqlite3_errmsg(dst));
    int step = sqlite3_backup_step(b, -1);
    int finish = sqlite3_backup_finish(b);
    if (step != SQLITE_DONE || finish != SQLITE_OK)
        return err_set(e, ERR_DB, NULL, "%s: %s", what,
                       step == SQLITE_BUSY || step == SQLITE_LOCKED ? "the database is locked"
                                                                    : sqlite3_errmsg(dst));
    return 0;
}

/* store_ops.backup_to: see store_backup. The copy is written to "<path>.partial" in rollback
 * journal mode (one self-contained file) and linked to path only when complete, so path never
 * holds half a backup and an existing file is never overwritten. */
int store_sqlite_backup_to(struct store_conn *base, const char *path, struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    char partial[sizeof((struct store_url *)0)->path + 16];
    if (snprintf(partial, sizeof partial, "%s.partial", path) >= (int)sizeof partial)
        return err_set(e, ERR_INVALID, NULL, "the backup path is too long");
    if (access(path, F_OK) == 0)
        return err_set(e, ERR_CONFLICT, NULL, "%s already exists", path);
    unlink(partial); /* left over from an interrupted backup */
    sqlite3 *dst = NULL;
    int rc = 0;
    if (sqlite3_open_v2(partial, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        rc = err_set(e, ERR_DB, NULL, "cannot create %s: %s", partial,
                     dst ? sqlite3_errmsg(dst) : "out of memory");
        goto done;
    }
    rc = copy_database(dst, c->db, "backup", e);
    if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL) != SQLITE_OK)
        rc = err_set(e, ERR_DB, NULL, "backup: %s", sqlite3_errmsg(dst));
done:
    if (sqlite3_close(dst) != SQLITE_OK && rc == 0)
        rc = err_set(e, ERR_DB, NULL, "cannot close %s", partial);
    if (rc == 0 && link(partial, path) != 0)
        rc = err_set(e, errno == EEXIST ? ERR_CONFLICT : ERR_DB, NULL, "cannot create %s: %s", path,
                     strerror(errno));
    unlink(partial);
    return rc;
}

/* Reads one integer from a query on db; -1 when it fails. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    int64_t v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* store_ops.restore_from: see store_restore. The file at path is opened read-only and must be a
 * sound Career Copilot database (quick_check, a schema_migrations table) no newer than
 * newest_known; its content then replaces this connection's database in one transaction,
 * which the other connections of this process see at their next statement. */
int store_sqlite_restore_from(struct store_conn *base, const char *path, int newest_known,
                              struct err *e)
{
    struct sqlite_conn *c = (struct sqlite_conn *)base;
    sqlite3 *src = NULL;
    int rc = 0;
    if (access(path, R_OK) != 0) {
        rc = err_set(e, ERR_NOT_FOUND, NULL, "cannot read %s: %s", path, strerror(errno));
        goto done;
    }
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = err_set(e, ERR_INVALID, NULL, "%s: %s", path,
                     src ? sqlite3_errmsg(src) : "out of memory");
        goto done;
    }
    sqlite3_stmt *check = NULL;
    bool sound = sqlite3_prepare_v2(src, "PRAGMA quick_check", -1, &check, NULL) == SQLITE_OK &&
                 sqlite3_step(check) == SQLITE_ROW &&
                 strcmp((const char *)sqlite3_column_text(check, 0), "ok") == 0;
    sqlite3_finalize(check);
    if (!sound) {
        rc = err_set(e, ERR_INVALID, NULL, "%s is not a sound SQLite database", path);
        goto done;
    }
    int64_t version = query_int(src, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (version <= 0) {
        rc = err_set(e, ERR_INVALID, NULL, "%s is not a Career Copilot database", path);
        goto done;
    }
    if (version > newest_known) {
        rc = err_set(e, ERR_INVALID, NULL,
                     "%s has schema version %lld, newer than this copilot knows (%d)", path,
                     (long long)version, newest_known);
        goto done;
    }
    rc = copy_database(c->db, src, "restore", e);
    /* the backup API commits without calling the WAL hook */
    if (rc == 0 && store_sqlite_sync_wal(c) != SQLITE_OK)
        rc = err_set(e, ERR_DB, NULL, "restore: cannot sync the WAL");
done:
    sqlite3_close(src);
    return rc;
}
